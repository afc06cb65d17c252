package dev.tokenkeep.cli;

/** A failure a command reports as one sentence on stderr, with its exit status. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  static CliException notFound(String message) {
    return new CliException(ExitCodes.NOT_FOUND, message);
  }

  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }
}
