package dev.tokenkeep.file;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Two {@link FileTokenStore} handles on one file, taking turns call by call. */
final class TwoHandles implements TokenStore {
  private final FileTokenStore first;
  private final FileTokenStore second;
  private final AtomicInteger turn = new AtomicInteger();

  TwoHandles(Path file) {
    first = FileTokenStore.open(file);
    second = FileTokenStore.open(file);
  }

  private FileTokenStore next() {
    return (turn.getAndIncrement() & 1) == 0 ? first : second;
  }

  @Override
  public Optional<OAuthToken> findToken(OAuthToken query) {
    return next().findToken(query);
  }

  @Override
  public Optional<OAuthToken> findTokenById(String id) {
    return next().findTokenById(id);
  }

  @Override
  public OAuthToken saveToken(OAuthToken token) {
    return next().saveToken(token);
  }

  @Override
  public boolean deleteToken(String id) {
    return next().deleteToken(id);
  }

  @Override
  public List<OAuthToken> getTokens() {
    return next().getTokens();
  }

  @Override
  public void deleteTokens() {
    next().deleteTokens();
  }

  @Override
  public void close() {
    first.close();
    second.close();
  }

  @Override
  public String toString() {
    return first.toString();
  }
}
