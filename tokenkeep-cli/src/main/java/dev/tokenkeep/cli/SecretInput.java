package dev.tokenkeep.cli;

import dev.tokenkeep.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Reads a secret the safe ways only: from a file ({@code -} for standard input), an environment
 * variable, or a prompt without echo. Never from an argument, which the process list and the
 * shell history would show.
 */
final class SecretInput {
  private SecretInput() {}

  /**
   * The secret called {@code what}: from {@code file} when given, else the variable {@code
   * variable}, else a prompt on the console; a usage error when none can be had.
   */
  static Secret read(String what, Path file, String variable, String fileOption, Environment env) {
    if (file != null) {
      return fromFile(what, file, fileOption, env);
    }
    String fromEnv = env.variable(variable);
    if (fromEnv != null) {
      return Secret.of(fromEnv.strip());
    }
    if (env.console != null) {
      char[] typed = env.console.readPassword("%s: ", what);
      if (typed != null && typed.length > 0) {
        return Secret.of(new String(typed).strip());
      }
    }
    throw CliException.usage("the " + what + " is needed: pass " + fileOption + " FILE (or - for standard input), "
        + "set " + variable + ", or run in a terminal to be asked");
  }

  private static Secret fromFile(String what, Path file, String fileOption, Environment env) {
    boolean stdin = file.toString().equals("-");
    if (!stdin && !Files.isReadable(file)) {
      throw CliException.usage("cannot read the " + what + " from " + fileOption + " " + file
          + ": no such readable file");
    }
    if (!stdin && readableByOthers(file)) {
      env.warn(file + " holds the " + what + " and others can read it; run: chmod 600 " + file);
    }
    try {
      String text = stdin ? readLine(env) : Files.readString(file, StandardCharsets.UTF_8);
      String value = text == null ? "" : text.strip();
      if (value.isEmpty()) {
        throw CliException.usage("the " + what + " from " + fileOption + " " + file + " is empty");
      }
      return Secret.of(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + what + " from " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean readableByOthers(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static String readLine(Environment env) throws IOException {
    return env.stdin.readLine();
  }
}
