package com.example;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.store.StoreRules;
import java.util.*;

/** The README's custom store: a map, with the contract's rules taken from StoreRules. */
public class MapTokenStore implements TokenStore {
  private final Map<String, OAuthToken> byId = new HashMap<>();
  private long lastId;
  private final StoreRules.Table table = new StoreRules.Table() {
    public Optional<OAuthToken> findById(String id) { return Optional.ofNullable(byId.get(id)); }
    public Collection<OAuthToken> findMatching(OAuthToken query) { return byId.values(); }
    public OAuthToken insert(OAuthToken t) {
      OAuthToken stored = t.id() != null ? t : t.withId(StoreRules.nextId("map:", lastId));
      lastId = Math.max(lastId, StoreRules.numericId(stored.id()));
      byId.put(stored.id(), stored);
      return stored;
    }
    public void update(OAuthToken old, OAuthToken updated) { byId.put(updated.id(), updated); }
  };

  public synchronized Optional<OAuthToken> findToken(OAuthToken q) {
    return StoreRules.pick("map:", "findToken", q, byId.values().stream().filter(t -> StoreRules.matches(q, t)).toList());
  }
  public synchronized Optional<OAuthToken> findTokenById(String id) { return Optional.ofNullable(byId.get(id)); }
  public synchronized OAuthToken saveToken(OAuthToken t) { return StoreRules.save("map:", t, table); }
  public synchronized boolean deleteToken(String id) { return byId.remove(id) != null; }
  public synchronized List<OAuthToken> getTokens() { return byId.values().stream().sorted(StoreRules.BY_ID).toList(); }
  public synchronized void deleteTokens() { byId.clear(); }
}
