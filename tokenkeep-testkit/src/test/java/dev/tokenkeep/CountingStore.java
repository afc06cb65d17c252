package dev.tokenkeep;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that counts the calls it passes on, to show what the hot path does not do. */
final class CountingStore implements TokenStore {
  final AtomicInteger calls = new AtomicInteger();
  private final TokenStore store;

  CountingStore(TokenStore store) {
    this.store = store;
  }

  @Override
  public Optional<OAuthToken> findToken(OAuthToken query) {
    calls.incrementAndGet();
    return store.findToken(query);
  }

  @Override
  public Optional<OAuthToken> findTokenById(String id) {
    calls.incrementAndGet();
    return store.findTokenById(id);
  }

  @Override
  public OAuthToken saveToken(OAuthToken token) {
    calls.incrementAndGet();
    return store.saveToken(token);
  }

  @Override
  public boolean deleteToken(String id) {
    calls.incrementAndGet();
    return store.deleteToken(id);
  }

  @Override
  public List<OAuthToken> getTokens() {
    calls.incrementAndGet();
    return store.getTokens();
  }

  @Override
  public void deleteTokens() {
    calls.incrementAndGet();
    store.deleteTokens();
  }
}
