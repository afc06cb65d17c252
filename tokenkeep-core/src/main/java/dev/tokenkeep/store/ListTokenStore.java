package dev.tokenkeep.store;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code list:} store, the reference the other stores are tested against: rows kept as
 * lists of the ten column values, linear scans, one lock. It is meant to be obviously right,
 * not fast.
 */
final class ListTokenStore implements TokenStore, RefreshLock {
  private static final String NAME = "list:";

  private final List<List<String>> rows = new ArrayList<>();
  private final RefreshLock refreshLock = RefreshLock.inProcess();
  /** The largest numeric id this store has held: new ids are never reused. */
  private long largestId;

  private final StoreRules.Table table =
      new StoreRules.Table() {
        @Override
        public Optional<OAuthToken> findById(String id) {
          return findTokenById(id);
        }

        @Override
        public Collection<OAuthToken> findMatching(OAuthToken query) {
          return scan(query);
        }

        @Override
        public OAuthToken insert(OAuthToken token) {
          OAuthToken stored = token.id() != null ? token : token.withId(StoreRules.nextId(NAME, largestId));
          largestId = Math.max(largestId, StoreRules.numericId(stored.id()));
          rows.add(StoreRules.toRow(stored));
          return stored;
        }

        @Override
        public void update(OAuthToken stored, OAuthToken updated) {
          rows.set(indexOf(stored.id()), StoreRules.toRow(updated));
        }
      };

  @Override
  public synchronized Optional<OAuthToken> findToken(OAuthToken query) {
    Objects.requireNonNull(query, "query");
    return StoreRules.pick(NAME, "findToken", query, scan(query));
  }

  @Override
  public synchronized Optional<OAuthToken> findTokenById(String id) {
    int i = indexOf(id);
    return i < 0 ? Optional.empty() : Optional.of(StoreRules.fromRow(rows.get(i)));
  }

  @Override
  public synchronized OAuthToken saveToken(OAuthToken token) {
    return StoreRules.save(NAME, token, table);
  }

  @Override
  public synchronized boolean deleteToken(String id) {
    int i = indexOf(id);
    if (i < 0) {
      return false;
    }
    rows.remove(i);
    return true;
  }

  @Override
  public synchronized List<OAuthToken> getTokens() {
    List<OAuthToken> all = new ArrayList<>();
    for (List<String> row : rows) {
      all.add(StoreRules.fromRow(row));
    }
    all.sort(StoreRules.BY_ID);
    return all;
  }

  @Override
  public synchronized void deleteTokens() {
    rows.clear();
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

  private List<OAuthToken> scan(OAuthToken query) {
    List<OAuthToken> found = new ArrayList<>();
    for (List<String> row : rows) {
      OAuthToken t = StoreRules.fromRow(row);
      if (StoreRules.matches(query, t)) {
        found.add(t);
      }
    }
    return found;
  }

  private int indexOf(String id) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).get(0).equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
