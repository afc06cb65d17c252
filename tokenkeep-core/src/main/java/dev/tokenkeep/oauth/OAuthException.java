package dev.tokenkeep.oauth;

import java.util.Objects;

/**
 * An OAuth provider refused or could not answer a request: a grant exchange, a refresh, a
 * revocation. The message names the user or client, the provider and what to do, never a secret.
 *
 * <p>{@link #kind()} says what the caller can do about it: wait and try again ({@link
 * Kind#TRANSIENT}), have the user authorize again ({@link Kind#REAUTHORIZE}), or fix the
 * configuration ({@link Kind#REFUSED}).
 */
public final class OAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What a failure means for the token and for the caller. */
  public enum Kind {
    /** Timeouts, I/O errors, 5xx, 429 and rate limiting: the token is fine; try again later. */
    TRANSIENT,
    /** The grant or refresh token is dead ({@code invalid_grant}, {@code invalid_code}, revoked). */
    REAUTHORIZE,
    /** The request was refused for another reason (wrong client id or secret, data center, URL). */
    REFUSED
  }

  private final String providerCode;
  private final Kind kind;

  /**
   * A failure described by {@code message}; {@code providerCode} is the provider's error code (for
   * example {@code invalid_code}, {@code Access Denied}, {@code http_503}) or null when the provider
   * gave none.
   */
  public OAuthException(String message, String providerCode, Kind kind, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.providerCode = providerCode;
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** The provider's error code, such as {@code invalid_grant}; null when there was none. */
  public String providerCode() {
    return providerCode;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether only a new authorization by the user can help: the grant or refresh token is dead. */
  public boolean requiresReauthorization() {
    return kind == Kind.REAUTHORIZE;
  }

  /** Whether the same request may succeed later: nothing is wrong with the token. */
  public boolean isTransient() {
    return kind == Kind.TRANSIENT;
  }
}
