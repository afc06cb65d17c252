package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import picocli.CommandLine.Option;

/** Which stored token a command works on: {@code --id}, or {@code --user} with an optional {@code --client-id}. */
final class TokenChoice {
  @Option(names = "--user", paramLabel = "NAME", description = "User name (e-mail for Zoho); exact, case-sensitive.")
  String user;

  @Option(names = "--id", paramLabel = "ID", description = "Token id in the store.")
  String id;

  @Option(names = "--client-id", paramLabel = "ID", description = "OAuth client id, when a user has tokens of several clients.")
  String clientId;

  boolean isGiven() {
    return user != null || id != null;
  }

  /** The stored token chosen, or exit status 3 when there is none. */
  OAuthToken find(TokenStore store) {
    if (id != null) {
      return store.findTokenById(id).orElseThrow(() -> CliException.notFound("no token with id " + id + " in " + store));
    }
    if (user == null) {
      throw CliException.usage("choose a token with --user NAME (and --client-id) or --id ID");
    }
    return store.findToken(query())
        .orElseThrow(() -> CliException.notFound("no token for user " + user
            + (clientId != null ? " and client " + clientId : "") + " in " + store
            + "; 'tokenkeep list' shows the stored users"));
  }

  /** The token as a query: user name and client id. */
  OAuthToken query() {
    return OAuthToken.builder().id(id).userName(user).clientId(clientId).build();
  }
}
