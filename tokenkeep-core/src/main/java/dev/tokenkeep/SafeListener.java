package dev.tokenkeep;

import dev.tokenkeep.oauth.OAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a {@link TokenListener}, logging and swallowing what it throws. */
final class SafeListener implements TokenListener {
  private static final Logger log = LoggerFactory.getLogger(TokenListener.class);

  private final TokenListener listener;

  SafeListener(TokenListener listener) {
    this.listener = listener;
  }

  @Override
  public void saved(OAuthToken token) {
    try {
      listener.saved(token);
    } catch (RuntimeException e) {
      ignored("saved", e);
    }
  }

  @Override
  public void refreshed(OAuthToken before, OAuthToken after) {
    try {
      listener.refreshed(before, after);
    } catch (RuntimeException e) {
      ignored("refreshed", e);
    }
  }

  @Override
  public void refreshFailed(OAuthToken token, OAuthException error) {
    try {
      listener.refreshFailed(token, error);
    } catch (RuntimeException e) {
      ignored("refreshFailed", e);
    }
  }

  @Override
  public void revoked(OAuthToken token) {
    try {
      listener.revoked(token);
    } catch (RuntimeException e) {
      ignored("revoked", e);
    }
  }

  private void ignored(String event, RuntimeException e) {
    log.warn("TokenListener {} threw on {}; ignored — listeners must not throw",
        listener.getClass().getName(), event, e);
  }
}
