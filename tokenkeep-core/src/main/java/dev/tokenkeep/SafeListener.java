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
    call("saved", () -> listener.saved(token));
  }

  @Override
  public void refreshed(OAuthToken before, OAuthToken after) {
    call("refreshed", () -> listener.refreshed(before, after));
  }

  @Override
  public void refreshFailed(OAuthToken token, OAuthException error) {
    call("refreshFailed", () -> listener.refreshFailed(token, error));
  }

  @Override
  public void revoked(OAuthToken token) {
    call("revoked", () -> listener.revoked(token));
  }

  private void call(String event, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("TokenListener {} threw on {}; ignored — listeners must not throw",
          listener.getClass().getName(), event, e);
    }
  }
}
