package dev.tokenkeep;

import java.util.List;
import java.util.Optional;

/**
 * Keeps OAuth tokens by the contract of DESIGN §2: six operations, the same semantics in every
 * backend.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Matching (for {@link #findToken} and for saves) follows {@link
 *       dev.tokenkeep.store.StoreRules#matchFor}: by user name (and client id), else by access
 *       token, else by client id, secret and grant or refresh token. Values compare exactly:
 *       case-sensitive, no trimming.
 *   <li>A save updates the token with the same id, else the matching token, else inserts with a
 *       new numeric id; an update keeps the stored value of every field the new token lacks.
 *   <li>Saves are atomic: a reader sees the old token or the new one, never a mix.
 *   <li>Safe for concurrent use by many threads; stores shared by processes are safe for many
 *       processes too.
 *   <li>Failures are {@link TokenStoreException}s whose messages never contain a secret.
 * </ul>
 *
 * <p>Implement the six methods and prove them with {@code dev.tokenkeep.testkit.TokenStoreContract}.
 * Save and match with {@link dev.tokenkeep.store.StoreRules} rather than writing the rules again.
 */
public interface TokenStore extends AutoCloseable {

  /** The complete stored token matching the partially filled {@code query}, or empty. */
  Optional<OAuthToken> findToken(OAuthToken query);

  /** The stored token with this id, or empty. */
  Optional<OAuthToken> findTokenById(String id);

  /** Inserts or updates {@code token} by the save rules; returns it as stored, id included. */
  OAuthToken saveToken(OAuthToken token);

  /** Removes the token with this id; false when there was none. */
  boolean deleteToken(String id);

  /** Every stored token, ordered by id ({@link dev.tokenkeep.store.StoreRules#ID_ORDER}). */
  List<OAuthToken> getTokens();

  /** Removes every token in one operation. */
  void deleteTokens();

  /** Releases what the store holds (connections, file handles); the default holds nothing. */
  @Override
  default void close() {}
}
