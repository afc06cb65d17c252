package dev.tokenkeep;

import dev.tokenkeep.oauth.OAuthException;

/**
 * Hears what a {@link TokenManager} does to tokens, for metrics and audit. Every method has an
 * empty default, so a listener overrides only what it records; {@link #NONE} hears nothing.
 *
 * <h2>Rules for implementers</h2>
 *
 * <ul>
 *   <li>Events come after the store was written, on the thread that did the work, possibly many
 *       threads at once: be thread-safe and quick, take no locks the caller might hold, and do not
 *       call back into the manager.
 *   <li>Do not throw: an exception is logged and ignored, and the caller never sees it.
 *   <li>Tokens print only fingerprints of their secrets; keep it that way in what you record.
 * </ul>
 */
public interface TokenListener {
  /** A listener that ignores every event. */
  TokenListener NONE = new TokenListener() {};

  /** A token obtained by a grant-code exchange was stored. */
  default void saved(OAuthToken token) {}

  /** A refresh stored a new access token: {@code before} as it was, {@code after} as stored. */
  default void refreshed(OAuthToken before, OAuthToken after) {}

  /** A refresh failed; {@code token} is stored as it was. */
  default void refreshFailed(OAuthToken token, OAuthException error) {}

  /** A token was revoked at the provider and deleted from the store. */
  default void revoked(OAuthToken token) {}
}
