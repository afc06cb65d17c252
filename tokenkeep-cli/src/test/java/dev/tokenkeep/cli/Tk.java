package dev.tokenkeep.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code tokenkeep} jar in a child process, as a person or a script would. */
final class Tk {
  /** What one run printed and how it ended. */
  record Run(int status, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private final Path jar = Path.of(System.getProperty("tokenkeep.jar", "target/tokenkeep.jar"));
  private final Map<String, String> env = new HashMap<>();
  /** Everything printed by runs that must not show a secret. */
  final List<String> printed = new ArrayList<>();

  Tk env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Run run(String... args) throws Exception {
    return runWithInput(null, args);
  }

  /** Runs with {@code input} on standard input (closed at once when null). */
  Run runWithInput(String input, String... args) throws Exception {
    Process p = start(args);
    try (OutputStream stdin = p.getOutputStream()) {
      if (input != null) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    CompletableFuture<String> out = read(p.getInputStream());
    CompletableFuture<String> err = read(p.getErrorStream());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("tokenkeep " + String.join(" ", args) + " did not end within 60 s");
    }
    Run run = new Run(p.exitValue(), out.get(), err.get());
    boolean mayShowSecrets = args[0].equals("token") || List.of(args).contains("--reveal");
    if (!mayShowSecrets) {
      printed.add(run.all());
    }
    return run;
  }

  /** Starts a run and leaves it to the caller (login waits for its redirect). */
  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("TOKENKEEP_") || k.equals("XDG_DATA_HOME"));
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Reads a running login's stderr up to the authorization URL it prints. */
  static String authorizationUrl(Process login, StringBuilder errSoFar) throws IOException {
    BufferedReader err = new BufferedReader(new InputStreamReader(login.getErrorStream(), StandardCharsets.UTF_8));
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      errSoFar.append(line).append('\n');
      if (line.startsWith("http")) {
        return line;
      }
    }
    throw new AssertionError("login printed no authorization URL: " + errSoFar);
  }

  static CompletableFuture<String> read(java.io.InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    });
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
