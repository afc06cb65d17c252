package dev.tokenkeep.cli;

/** The documented exit statuses of {@code tokenkeep}. */
final class ExitCodes {
  static final int OK = 0;
  static final int USAGE = 2;
  static final int NOT_FOUND = 3;
  static final int REAUTHORIZE = 4;
  static final int STORE = 5;
  static final int PROVIDER = 6;

  private ExitCodes() {}
}
