package dev.tokenkeep.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a URL in the user's browser where there is one; silently does nothing elsewhere. */
final class Browser {
  private Browser() {}

  static void open(URI url, Environment env) {
    String opener = env.variable("BROWSER");
    if (opener == null && (env.variable("DISPLAY") != null || env.variable("WAYLAND_DISPLAY") != null)
        && Files.isExecutable(Path.of("/usr/bin/xdg-open"))) {
      opener = "/usr/bin/xdg-open";
    }
    if (opener == null) {
      return;
    }
    try {
      new ProcessBuilder(opener, url.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (java.io.IOException e) {
      // No browser after all: the URL is printed, which is enough.
    }
  }
}
