package dev.tokenkeep.file;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import dev.tokenkeep.store.StoreRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens of one version of the file, with a hash map for each way {@link StoreRules} matches,
 * so a lookup never scans. Immutable: a changed file gets a new index.
 */
final class TokenIndex {
  static final TokenIndex EMPTY = new TokenIndex(List.of());

  private final Map<String, OAuthToken> byId;
  private final Map<String, List<OAuthToken>> byUser = new HashMap<>();
  private final long largestId;
  // Built on first use: most lookups, and the save of a token with a user name, go by user.
  private volatile BySecret bySecret;
  private volatile List<OAuthToken> ordered;

  /** An index of {@code tokens}, which have unique ids, kept in the given (file) order. */
  TokenIndex(Collection<OAuthToken> tokens) {
    Map<String, OAuthToken> ids = new LinkedHashMap<>(tokens.size() * 2);
    long largest = 0;
    for (OAuthToken t : tokens) {
      ids.put(t.id(), t);
      largest = Math.max(largest, StoreRules.numericId(t.id()));
      add(byUser, t.userName(), t);
    }
    byId = Collections.unmodifiableMap(ids);
    largestId = largest;
  }

  /** The maps by access, grant and refresh token. */
  private static final class BySecret {
    final Map<Secret, List<OAuthToken>> accessToken = new HashMap<>();
    final Map<Secret, List<OAuthToken>> grantToken = new HashMap<>();
    final Map<Secret, List<OAuthToken>> refreshToken = new HashMap<>();

    BySecret(Collection<OAuthToken> tokens) {
      for (OAuthToken t : tokens) {
        add(accessToken, t.accessToken(), t);
        add(grantToken, t.grantToken(), t);
        add(refreshToken, t.refreshToken(), t);
      }
    }
  }

  private BySecret bySecret() {
    BySecret maps = bySecret;
    if (maps == null) { // two threads may both build it; either result is the same
      maps = new BySecret(byId.values());
      bySecret = maps;
    }
    return maps;
  }

  private static <K> void add(Map<K, List<OAuthToken>> map, K key, OAuthToken token) {
    if (key != null) {
      map.computeIfAbsent(key, k -> new ArrayList<>(1)).add(token);
    }
  }

  /** The tokens that may match {@code query} by its rule; callers check them with {@code matches}. */
  List<OAuthToken> candidates(OAuthToken query) {
    switch (StoreRules.matchFor(query)) {
      case BY_USER:
        return byUser.getOrDefault(query.userName(), List.of());
      case BY_ACCESS_TOKEN:
        return bySecret().accessToken.getOrDefault(query.accessToken(), List.of());
      case BY_GRANT_TOKEN:
        return bySecret().grantToken.getOrDefault(query.grantToken(), List.of());
      case BY_REFRESH_TOKEN:
        return bySecret().refreshToken.getOrDefault(query.refreshToken(), List.of());
      default:
        return List.of();
    }
  }

  /** The tokens among the candidates that match {@code query}. */
  List<OAuthToken> matching(OAuthToken query) {
    List<OAuthToken> found = new ArrayList<>(1);
    for (OAuthToken t : candidates(query)) {
      if (StoreRules.matches(query, t)) {
        found.add(t);
      }
    }
    return found;
  }

  OAuthToken byId(String id) {
    return byId.get(id);
  }

  /** Id to token, in file order. */
  Map<String, OAuthToken> inFileOrder() {
    return byId;
  }

  /** Every token, ordered by id. */
  List<OAuthToken> ordered() {
    List<OAuthToken> sorted = ordered;
    if (sorted == null) {
      List<OAuthToken> all = new ArrayList<>(byId.values());
      all.sort(StoreRules.BY_ID);
      sorted = Collections.unmodifiableList(all);
      ordered = sorted;
    }
    return sorted;
  }

  int size() {
    return byId.size();
  }

  /** The largest numeric id in the file, 0 when there is none. */
  long largestId() {
    return largestId;
  }
}
