package dev.tokenkeep.store;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import dev.tokenkeep.TokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code memory:} store: tokens in a concurrent map, with one secondary index per {@link
 * StoreRules.Match} so every lookup is a hash lookup.
 *
 * <p>Concurrency: writes take one lock; reads take none. A reader goes from an index to the id
 * map and checks the token it finds with {@link StoreRules#matches}, so an index entry that a
 * concurrent write is about to remove is never answered wrongly, and since each token is one
 * immutable value replaced in one map write, a reader sees the old token or the new one.
 */
final class MemoryTokenStore implements TokenStore, RefreshLock {
  private static final String NAME = "memory:";

  private final Map<String, OAuthToken> byId = new ConcurrentHashMap<>();
  private final Map<Object, Set<String>> index = new ConcurrentHashMap<>();
  private final RefreshLock refreshLock = RefreshLock.inProcess();
  private final Object writeLock = new Object();
  private long largestId;

  private final StoreRules.Table table =
      new StoreRules.Table() {
        @Override
        public Optional<OAuthToken> findById(String id) {
          return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Collection<OAuthToken> findMatching(OAuthToken query) {
          return candidates(query);
        }

        @Override
        public OAuthToken insert(OAuthToken token) {
          OAuthToken stored = token.id() != null ? token : token.withId(StoreRules.nextId(NAME, largestId));
          put(null, stored);
          return stored;
        }

        @Override
        public void update(OAuthToken stored, OAuthToken updated) {
          put(stored, updated);
        }
      };

  @Override
  public Optional<OAuthToken> findToken(OAuthToken query) {
    Objects.requireNonNull(query, "query");
    List<OAuthToken> matching = new ArrayList<>();
    for (OAuthToken t : candidates(query)) {
      if (StoreRules.matches(query, t)) {
        matching.add(t);
      }
    }
    return StoreRules.pick(NAME, "findToken", query, matching);
  }

  @Override
  public Optional<OAuthToken> findTokenById(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  @Override
  public OAuthToken saveToken(OAuthToken token) {
    synchronized (writeLock) {
      return StoreRules.save(NAME, token, table);
    }
  }

  @Override
  public boolean deleteToken(String id) {
    if (id == null) {
      return false;
    }
    synchronized (writeLock) {
      OAuthToken removed = byId.remove(id);
      if (removed == null) {
        return false;
      }
      unindex(removed, null);
      return true;
    }
  }

  @Override
  public List<OAuthToken> getTokens() {
    List<OAuthToken> all = new ArrayList<>(byId.values());
    all.sort(StoreRules.BY_ID);
    return all;
  }

  @Override
  public void deleteTokens() {
    synchronized (writeLock) {
      byId.clear();
      index.clear();
    }
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration wait, Duration lease)
      throws InterruptedException {
    return refreshLock.tryAcquire(key, wait, lease);
  }

  @Override
  public String toString() {
    return NAME;
  }

  /** The stored tokens the query's index points at; callers check them with {@code matches}. */
  private List<OAuthToken> candidates(OAuthToken query) {
    Object key = indexKey(StoreRules.matchFor(query), query);
    Set<String> ids = key == null ? null : index.get(key);
    if (ids == null) {
      return List.of();
    }
    List<OAuthToken> found = new ArrayList<>(ids.size());
    for (String id : ids) {
      OAuthToken t = byId.get(id);
      if (t != null) {
        found.add(t);
      }
    }
    return found;
  }

  /** Writes {@code updated} in place of {@code previous} (null for an insert); holds writeLock. */
  private void put(OAuthToken previous, OAuthToken updated) {
    for (StoreRules.Match m : StoreRules.Match.values()) {
      Object key = indexKey(m, updated);
      if (key != null) {
        index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(updated.id());
      }
    }
    byId.put(updated.id(), updated);
    largestId = Math.max(largestId, StoreRules.numericId(updated.id()));
    if (previous != null) {
      unindex(previous, updated);
    }
  }

  /** Removes the index entries of {@code gone} that {@code kept} (may be null) does not share. */
  private void unindex(OAuthToken gone, OAuthToken kept) {
    for (StoreRules.Match m : StoreRules.Match.values()) {
      Object key = indexKey(m, gone);
      if (key != null && (kept == null || !key.equals(indexKey(m, kept)))) {
        Set<String> ids = index.get(key);
        if (ids != null) {
          ids.remove(gone.id());
          if (ids.isEmpty()) {
            index.remove(key);
          }
        }
      }
    }
  }

  /**
   * The index key of {@code t} for rule {@code m}, or null when {@code t} lacks the fields. A
   * user query finds every client's token of the user; {@code matches} then checks the client.
   */
  private static Object indexKey(StoreRules.Match m, OAuthToken t) {
    switch (m) {
      case BY_USER:
        return t.userName() == null ? null : new Key(m, t.userName(), null);
      case BY_ACCESS_TOKEN:
        return t.accessToken() == null ? null : new Key(m, null, t.accessToken());
      case BY_GRANT_TOKEN:
        return t.grantToken() == null ? null : new Key(m, t.clientId(), t.grantToken());
      case BY_REFRESH_TOKEN:
        return t.refreshToken() == null ? null : new Key(m, t.clientId(), t.refreshToken());
      default:
        return null;
    }
  }

  private record Key(StoreRules.Match match, String text, Secret secret) {}
}
