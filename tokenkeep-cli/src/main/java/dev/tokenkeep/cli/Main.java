package dev.tokenkeep.cli;

import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.oauth.OAuthException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** The {@code tokenkeep} command. Run with {@code --help} for its commands and exit codes. */
public final class Main {
  private Main() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    // The command speaks in one sentence on stderr; library log lines only with --verbose.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        java.util.Arrays.asList(args).contains("--verbose") ? "debug" : "off");
    System.exit(run(args, Environment.system(), Environment.stdout(), Environment.stderr()));
  }

  /** Runs the command with this environment and output; returns the exit status. */
  static int run(String[] args, Environment env, PrintWriter out, PrintWriter err) {
    env.warnTo(err);
    TokenKeepCommand root = new TokenKeepCommand(env);
    CommandLine cli = root.commandLine(args);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (root.verbose) {
        e.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().println("tokenkeep: " + e.getMessage());
      return exitCodeOf(e);
    });
    int status = cli.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  static int exitCodeOf(Exception e) {
    if (e instanceof CliException) {
      return ((CliException) e).exitCode;
    }
    if (e instanceof OAuthException) {
      return ((OAuthException) e).requiresReauthorization() ? ExitCodes.REAUTHORIZE : ExitCodes.PROVIDER;
    }
    if (e instanceof TokenStoreException || e instanceof UncheckedIOException) {
      return ExitCodes.STORE;
    }
    if (e instanceof IllegalArgumentException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.STORE;
  }
}
