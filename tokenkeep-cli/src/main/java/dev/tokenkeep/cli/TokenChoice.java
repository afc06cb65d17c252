package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.crypto.EncryptingTokenStore;
import java.util.List;
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

  /**
   * The stored token chosen, refusing one whose secrets are encrypted when the store was opened
   * without its keyset: its ciphertexts must never pass for a token a script sends to an API.
   */
  OAuthToken findWithSecrets(TokenStore store) {
    OAuthToken found = find(store);
    if (!(store instanceof EncryptingTokenStore)
        && EncryptingTokenStore.holdsEncrypted(List.of(found))) {
      throw new TokenStoreException(String.valueOf(store), "read", "token " + found.id()
          + " holds encrypted secrets and no keyset was given; give --keyset FILE or set TOKENKEEP_KEYSET");
    }
    return found;
  }

  /**
   * A selector that finds {@code found} again by the matching rules: its user name and client id,
   * or, for a token without a user name, its access token.
   */
  static OAuthToken selectorOf(OAuthToken found) {
    if (found.userName() != null) {
      return OAuthToken.builder().userName(found.userName()).clientId(found.clientId()).build();
    }
    return OAuthToken.builder().accessToken(found.accessToken()).build();
  }

  private OAuthToken query() {
    return OAuthToken.builder().userName(user).clientId(clientId).build();
  }
}
