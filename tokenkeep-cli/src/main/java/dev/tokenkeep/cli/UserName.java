package dev.tokenkeep.cli;

/**
 * Checks a user name typed on the command line before anything is sent to a provider, so that a
 * name the store cannot keep never costs a grant code or a rotated refresh token.
 */
final class UserName {
  /** Zoho's table holds 255 characters; no store here keeps more. */
  private static final int MAX_LENGTH = 255;

  private UserName() {}

  /** Accepts null (look the user up) or a name of 1 to 255 characters without control characters. */
  static void check(String user) {
    if (user == null) {
      return;
    }
    if (user.isEmpty()) {
      throw CliException.usage("--user is empty; leave it out to look the user up, or give the user's e-mail");
    }
    if (user.codePointCount(0, user.length()) > MAX_LENGTH) {
      throw CliException.usage("--user is " + user.length() + " characters long; a store keeps at most " + MAX_LENGTH);
    }
    if (user.codePoints().anyMatch(Character::isISOControl)) {
      throw CliException.usage("--user holds a control character (a line break or tab); type the name on one line");
    }
  }
}
