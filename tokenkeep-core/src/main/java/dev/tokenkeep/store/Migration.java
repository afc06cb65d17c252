package dev.tokenkeep.store;

import dev.tokenkeep.InvalidTokenException;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStoreException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies every token from one store to another, then checks the copy. Running it again changes
 * nothing: a token whose counterpart already holds the same values is left alone.
 *
 * <p>A token's counterpart in the target is the token of the same user and client; a token
 * without a user name is matched by its id. The source id is kept where the target has it free,
 * so a copy into an empty store keeps every id.
 */
public final class Migration {
  /**
   * What a copy did: of {@code total} tokens, how many it wrote ({@code replaced} of them over a
   * stored token of the same user and client that held other values), how many were already
   * there, and how many it checked afterwards.
   */
  public record Report(int total, int copied, int replaced, int unchanged, int verified) {}

  /** Hears how far a copy has got. */
  @FunctionalInterface
  public interface Progress {
    /** {@code done} of {@code total} tokens handled. */
    void handled(int done, int total);
  }

  private Migration() {}

  /**
   * Copies {@code from} into {@code to}; with {@code dryRun} only counts what it would write.
   * {@code progress} hears the number of tokens handled so far, and of all.
   *
   * @throws TokenStoreException when a copied token does not read back equal (content check)
   */
  public static Report copy(TokenStore from, TokenStore to, boolean dryRun, Progress progress) {
    List<OAuthToken> tokens = from.getTokens();
    int copied = 0;
    int replaced = 0;
    int done = 0;
    for (OAuthToken source : tokens) {
      Optional<OAuthToken> existing = counterpart(to, source);
      if (existing.isEmpty() || !sameContent(existing.get(), source)) {
        if (!dryRun) {
          write(to, source, existing);
        }
        copied++;
        replaced += existing.isPresent() ? 1 : 0;
      }
      progress.handled(++done, tokens.size());
    }
    return new Report(tokens.size(), copied, replaced, tokens.size() - copied, dryRun ? 0 : verify(tokens, to));
  }

  /**
   * Saves {@code source} under its counterpart's id, else under its own id while that is free.
   * Another writer may take that id between the look and the save (two migrations at once); the
   * store then refuses to give that id's token to another user, and the token gets a new id.
   */
  private static void write(TokenStore to, OAuthToken source, Optional<OAuthToken> existing) {
    String id = targetId(to, source, existing);
    try {
      to.saveToken(source.withId(id));
    } catch (InvalidTokenException e) {
      if (existing.isPresent() || id == null) {
        throw e;
      }
      to.saveToken(source.withId(null));
    }
  }

  private static Optional<OAuthToken> counterpart(TokenStore to, OAuthToken source) {
    if (source.userName() != null) {
      return to.findToken(OAuthToken.builder().userName(source.userName()).clientId(source.clientId()).build())
          .filter(t -> Objects.equals(t.clientId(), source.clientId()));
    }
    return to.findTokenById(source.id()).filter(t -> t.userName() == null);
  }

  private static String targetId(TokenStore to, OAuthToken source, Optional<OAuthToken> existing) {
    if (existing.isPresent()) {
      return existing.get().id();
    }
    return to.findTokenById(source.id()).isEmpty() ? source.id() : null;
  }

  private static int verify(List<OAuthToken> tokens, TokenStore to) {
    int verified = 0;
    for (OAuthToken source : tokens) {
      OAuthToken copy = counterpart(to, source).orElse(null);
      if (copy == null || !sameContent(copy, source)) {
        throw new TokenStoreException(String.valueOf(to), "migrate",
            "token " + source.id() + " of " + source.userName() + " did not read back equal after the copy; "
                + "nothing in the source was changed — run doctor on the target and copy again");
      }
      verified++;
    }
    return verified;
  }

  /** Equal in every field but the id. */
  private static boolean sameContent(OAuthToken a, OAuthToken b) {
    return a.withId(null).equals(b.withId(null));
  }
}
