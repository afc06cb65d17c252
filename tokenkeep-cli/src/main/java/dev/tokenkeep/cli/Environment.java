package dev.tokenkeep.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may read from the world: environment variables, standard input, the console
 * (for prompts without echo), the clock and the home folder. Tests pass their own.
 */
final class Environment {
  final Map<String, String> variables;
  final BufferedReader stdin;
  final Console console;
  final Clock clock;
  final Path home;

  Environment(Map<String, String> variables, BufferedReader stdin, Console console, Clock clock, Path home) {
    this.variables = Map.copyOf(variables);
    this.stdin = stdin;
    this.console = console;
    this.clock = clock;
    this.home = home;
  }

  static Environment system() {
    return new Environment(
        System.getenv(),
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
        System.console(),
        Clock.systemUTC(),
        Path.of(homeFolder(System.getenv())));
  }

  /** $HOME as the shell has it, else the JVM's idea of the user's home. */
  private static String homeFolder(Map<String, String> variables) {
    String home = variables.get("HOME");
    return home == null || home.isEmpty() ? System.getProperty("user.home") : home;
  }

  /** Where warnings go: standard error, one line each. */
  private java.io.PrintWriter warnings = stderr();

  /** Sends warnings to {@code err} (the command's error stream). */
  void warnTo(java.io.PrintWriter err) {
    this.warnings = err;
  }

  /** Prints one warning line; the command goes on. */
  void warn(String message) {
    warnings.println("tokenkeep: warning: " + message);
    warnings.flush();
  }

  /** The variable's value, or null when unset or empty. */
  String variable(String name) {
    String value = variables.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  static PrintWriter stdout() {
    return new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
  }

  static PrintWriter stderr() {
    return new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
  }
}
