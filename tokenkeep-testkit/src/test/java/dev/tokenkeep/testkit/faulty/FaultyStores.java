package dev.tokenkeep.testkit.faulty;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.store.StoreRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Stores with one seeded fault each, the kind a hurried developer writes. They exist only to show
 * that the conformance kit catches such faults; each is otherwise correct.
 */
final class FaultyStores {
  private FaultyStores() {}

  /** Forwards to a correct store; subclasses break one operation. */
  abstract static class Forwarding implements TokenStore {
    final TokenStore inner = TokenStores.open("memory:");

    @Override public Optional<OAuthToken> findToken(OAuthToken query) { return inner.findToken(query); }
    @Override public Optional<OAuthToken> findTokenById(String id) { return inner.findTokenById(id); }
    @Override public OAuthToken saveToken(OAuthToken token) { return inner.saveToken(token); }
    @Override public boolean deleteToken(String id) { return inner.deleteToken(id); }
    @Override public List<OAuthToken> getTokens() { return inner.getTokens(); }
    @Override public void deleteTokens() { inner.deleteTokens(); }
  }

  /** Rule 1 matches the user name only, even when the query names a client id. */
  static final class IgnoresClientId extends Forwarding {
    @Override
    public Optional<OAuthToken> findToken(OAuthToken query) {
      if (query.userName() == null) {
        return inner.findToken(query);
      }
      return inner.getTokens().stream().filter(t -> query.userName().equals(t.userName())).findFirst();
    }
  }

  /** An update replaces the whole stored token, so absent fields erase the stored ones. */
  static final class OverwritesWithAbsent extends Forwarding {
    @Override
    public synchronized OAuthToken saveToken(OAuthToken token) {
      Optional<OAuthToken> existing =
          token.id() != null ? inner.findTokenById(token.id()) : inner.findToken(token);
      if (existing.isEmpty()) {
        return inner.saveToken(token);
      }
      inner.deleteToken(existing.get().id());
      return inner.saveToken(token.withId(existing.get().id()));
    }
  }

  /** The save rules on plain lists, with no lock at all. */
  static final class Unsynchronized implements TokenStore {
    private final List<OAuthToken> tokens = new ArrayList<>();
    private long largestId;

    private final StoreRules.Table table = new StoreRules.Table() {
      @Override public Optional<OAuthToken> findById(String id) { return findTokenById(id); }
      @Override public Collection<OAuthToken> findMatching(OAuthToken query) { return new ArrayList<>(tokens); }
      @Override public OAuthToken insert(OAuthToken token) {
        OAuthToken stored = token.id() != null ? token : token.withId(StoreRules.nextId("unsync:", largestId));
        Thread.yield(); // widens the race a lock would close, so the fault shows even on a busy machine
        largestId = Math.max(largestId, StoreRules.numericId(stored.id()));
        tokens.add(stored);
        return stored;
      }
      @Override public void update(OAuthToken stored, OAuthToken updated) {
        tokens.set(tokens.indexOf(stored), updated);
      }
    };

    @Override
    public Optional<OAuthToken> findToken(OAuthToken query) {
      List<OAuthToken> found = new ArrayList<>();
      for (OAuthToken t : new ArrayList<>(tokens)) {
        if (t != null && StoreRules.matches(query, t)) {
          found.add(t);
        }
      }
      return StoreRules.pick("unsync:", "findToken", query, found);
    }

    @Override
    public Optional<OAuthToken> findTokenById(String id) {
      return new ArrayList<>(tokens).stream().filter(t -> t != null && t.id().equals(id)).findFirst();
    }

    @Override public OAuthToken saveToken(OAuthToken token) { return StoreRules.save("unsync:", token, table); }
    @Override public boolean deleteToken(String id) { return tokens.removeIf(t -> t.id().equals(id)); }
    @Override public void deleteTokens() { tokens.clear(); }

    @Override
    public List<OAuthToken> getTokens() {
      List<OAuthToken> all = new ArrayList<>(tokens);
      all.sort(StoreRules.BY_ID);
      return all;
    }
  }
}
