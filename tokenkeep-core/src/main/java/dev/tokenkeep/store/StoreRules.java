package dev.tokenkeep.store;

import dev.tokenkeep.AmbiguousTokenException;
import dev.tokenkeep.InvalidTokenException;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import dev.tokenkeep.TokenStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules of the {@link dev.tokenkeep.TokenStore} contract (DESIGN §2), written once and called
 * by every store: which field a query matches on, how a save finds what it updates, how an update
 * merges, what is worth keeping, and how ids are ordered and checked.
 *
 * <p>A store supplies a few primitive operations as a {@link Table} and calls {@link #save}; for
 * finds it narrows candidates however it likes (an index, a prepared statement, a scan with
 * {@link #matches}) and lets {@link #pick} choose.
 */
public final class StoreRules {
  /** The longest id a store accepts: Zoho's table declares {@code id varchar(10)}. */
  public static final int MAX_ID_LENGTH = 10;

  /** The largest id a store may create: ten digits. */
  public static final long MAX_CREATED_ID = 9_999_999_999L;

  /**
   * The order of {@link dev.tokenkeep.TokenStore#getTokens()}: numeric ids by value (so 9 comes
   * before 10), then any other id by its text.
   */
  public static final Comparator<String> ID_ORDER = StoreRules::compareIds;

  /** Tokens ordered by {@link #ID_ORDER} of their ids. */
  public static final Comparator<OAuthToken> BY_ID = Comparator.comparing(OAuthToken::id, ID_ORDER);

  /** Which stored field a query is matched on; the first rule whose condition holds decides. */
  public enum Match {
    /** Rule 1: the query has a user name; the client id too when the query has one. */
    BY_USER,
    /** Rule 2: an access token, and neither client id nor client secret. */
    BY_ACCESS_TOKEN,
    /** Rule 3: client id, client secret and a grant token; the stored client id must agree. */
    BY_GRANT_TOKEN,
    /** Rule 3: client id, client secret and a refresh token (no grant token). */
    BY_REFRESH_TOKEN,
    /** Rule 4: nothing matches. */
    NONE
  }

  private StoreRules() {}

  /** The rule that decides how {@code query} matches, by DESIGN §2's order. */
  public static Match matchFor(OAuthToken query) {
    Objects.requireNonNull(query, "query");
    if (query.userName() != null) {
      return Match.BY_USER;
    }
    boolean hasClient = query.clientId() != null;
    boolean hasSecret = query.clientSecret() != null;
    if (query.accessToken() != null && !hasClient && !hasSecret) {
      return Match.BY_ACCESS_TOKEN;
    }
    if (hasClient && hasSecret) {
      if (query.grantToken() != null) {
        return Match.BY_GRANT_TOKEN;
      }
      if (query.refreshToken() != null) {
        return Match.BY_REFRESH_TOKEN;
      }
    }
    return Match.NONE;
  }

  /** Whether {@code stored} matches {@code query}; values compare exactly. */
  public static boolean matches(OAuthToken query, OAuthToken stored) {
    switch (matchFor(query)) {
      case BY_USER:
        return query.userName().equals(stored.userName())
            && (query.clientId() == null || query.clientId().equals(stored.clientId()));
      case BY_ACCESS_TOKEN:
        return query.accessToken().equals(stored.accessToken());
      case BY_GRANT_TOKEN:
        return query.clientId().equals(stored.clientId())
            && query.grantToken().equals(stored.grantToken());
      case BY_REFRESH_TOKEN:
        return query.clientId().equals(stored.clientId())
            && query.refreshToken().equals(stored.refreshToken());
      default:
        return false;
    }
  }

  /**
   * The token a find answers with, chosen from every stored token that {@link #matches} {@code
   * query}: the one with the lowest id. A user query matching tokens of several clients is
   * ambiguous and throws rather than guess.
   */
  public static Optional<OAuthToken> pick(
      String store, String operation, OAuthToken query, Collection<OAuthToken> matching) {
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    List<OAuthToken> sorted = new ArrayList<>(matching);
    sorted.sort(BY_ID);
    if (sorted.size() > 1 && matchFor(query) == Match.BY_USER) {
      throw ambiguous(store, operation, query.userName(), sorted);
    }
    return Optional.of(sorted.get(0));
  }

  private static AmbiguousTokenException ambiguous(
      String store, String operation, String userName, List<OAuthToken> tokens) {
    String clients =
        tokens.stream()
            .map(t -> t.clientId() == null ? "(no client id)" : shorten(t.clientId()))
            .collect(Collectors.joining(", "));
    return new AmbiguousTokenException(
        store,
        operation,
        "user " + userName + " has tokens for " + tokens.size() + " clients (" + clients
            + "); set clientId in the query to choose one");
  }

  /** A long identifier cut to its first 8 characters, for messages and tables. */
  public static String shorten(String value) {
    return value.length() <= 11 ? value : value.substring(0, 8) + "…";
  }

  /** {@code stored} updated by {@code update}: present fields replace, absent fields keep theirs. */
  public static OAuthToken merge(OAuthToken stored, OAuthToken update) {
    OAuthToken.Builder b = stored.toBuilder();
    if (update.id() != null) b.id(update.id());
    if (update.userName() != null) b.userName(update.userName());
    if (update.clientId() != null) b.clientId(update.clientId());
    if (update.clientSecret() != null) b.clientSecret(update.clientSecret());
    if (update.refreshToken() != null) b.refreshToken(update.refreshToken());
    if (update.accessToken() != null) b.accessToken(update.accessToken());
    if (update.grantToken() != null) b.grantToken(update.grantToken());
    if (update.expiresAt() != null) b.expiresAt(update.expiresAt());
    if (update.redirectUrl() != null) b.redirectUrl(update.redirectUrl());
    if (update.apiDomain() != null) b.apiDomain(update.apiDomain());
    return b.build();
  }

  /** Rejects a token with none of refresh, grant or access token: it has nothing worth keeping. */
  public static void checkWorthKeeping(String store, OAuthToken token) {
    if (token.refreshToken() == null && token.grantToken() == null && token.accessToken() == null) {
      throw new InvalidTokenException(
          store,
          "saveToken",
          "token " + token + " has no refresh, grant or access token, so there is "
              + "nothing worth keeping; set at least one of them");
    }
  }

  /** Rejects an id that is empty, longer than {@link #MAX_ID_LENGTH} or holds control characters. */
  public static void checkId(String store, String operation, String id) {
    if (id == null || id.isEmpty()) {
      throw new InvalidTokenException(store, operation, "the id is missing; pass a non-empty id");
    }
    if (id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidTokenException(
          store,
          operation,
          "id '" + printable(id) + "' is not usable: ids are 1 to " + MAX_ID_LENGTH
              + " characters without control characters");
    }
  }

  /**
   * The id of a new token: one more than {@code largest}, the largest numeric id the store has
   * ever held, explicit ids included (0 when none). Ids are never reused, so a deleted token's id
   * cannot come to name another user, and every store hands out the same ids for the same
   * operations as the {@code list:} reference store.
   */
  public static String nextId(String store, long largest) {
    if (largest >= MAX_CREATED_ID) {
      throw new TokenStoreException(
          store, "saveToken", "every id up to " + MAX_CREATED_ID + " is taken; no new id is left");
    }
    return Long.toString(largest + 1);
  }

  /** The numeric value of an id a store created, or -1 for any other id. */
  public static long numericId(String id) {
    if (id == null || id.isEmpty() || id.length() > 18 || (id.length() > 1 && id.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Long.parseLong(id);
  }

  private static int compareIds(String a, String b) {
    long na = numericId(a);
    long nb = numericId(b);
    if (na >= 0 && nb >= 0) {
      return Long.compare(na, nb);
    }
    if (na >= 0 || nb >= 0) {
      return na >= 0 ? -1 : 1;
    }
    return a.compareTo(b);
  }

  /**
   * The few primitive operations a store gives {@link #save}, which runs them in the rules'
   * order. The store calls {@code save} under its own lock or transaction, so that the whole
   * save is atomic.
   */
  public interface Table {
    /** The stored token with this id, or empty. */
    Optional<OAuthToken> findById(String id);

    /** Every stored token that {@link #matches} {@code query} (a superset is fine). */
    Collection<OAuthToken> findMatching(OAuthToken query);

    /** Stores a new token; assigns a new id when it has none. Returns it as stored. */
    OAuthToken insert(OAuthToken token);

    /** Replaces {@code stored} (same id) by {@code updated}. */
    void update(OAuthToken stored, OAuthToken updated);
  }

  /**
   * Saves {@code token} into {@code table} by the save rules: update the token with its id (or
   * insert it with that id); else update the token it matches; else insert it with a new id.
   * Returns the token as stored.
   */
  public static OAuthToken save(String store, OAuthToken token, Table table) {
    Objects.requireNonNull(token, "token");
    if (token.id() != null) {
      checkId(store, "saveToken", token.id());
      Optional<OAuthToken> stored = table.findById(token.id());
      stored.ifPresent(s -> checkSameOwner(store, s, token));
      OAuthToken result = stored.map(s -> merge(s, token)).orElse(token);
      checkWorthKeeping(store, result);
      checkNoOtherHolder(store, result, table);
      if (stored.isPresent()) {
        table.update(stored.get(), result);
        return result;
      }
      return table.insert(result);
    }
    Optional<OAuthToken> matched =
        matchFor(token) == Match.NONE
            ? Optional.empty()
            : pick(store, "saveToken", token, onlyMatching(token, table.findMatching(token)));
    if (matched.isPresent()) {
      OAuthToken result = merge(matched.get(), token);
      checkWorthKeeping(store, result);
      table.update(matched.get(), result);
      return result;
    }
    checkWorthKeeping(store, token);
    return table.insert(token);
  }

  /**
   * An id names one user's token of one client: a save by id may fill in a missing user name or
   * client id, never change them, which would hand one user's token to another.
   */
  private static void checkSameOwner(String store, OAuthToken stored, OAuthToken update) {
    boolean otherUser = update.userName() != null && stored.userName() != null
        && !update.userName().equals(stored.userName());
    boolean otherClient = update.clientId() != null && stored.clientId() != null
        && !update.clientId().equals(stored.clientId());
    if (otherUser || otherClient) {
      throw new InvalidTokenException(
          store,
          "saveToken",
          "id " + stored.id() + " holds the token of user " + stored.userName() + " (client "
              + (stored.clientId() == null ? "(none)" : shorten(stored.clientId())) + "); a save with that id "
              + "cannot make it the token of " + update.userName() + " (client "
              + (update.clientId() == null ? "(none)" : shorten(update.clientId()))
              + ") — save without an id, or delete id " + stored.id() + " first");
    }
  }

  /** Keeps one token per user and client: a token saved by id must not take another's place. */
  private static void checkNoOtherHolder(String store, OAuthToken token, Table table) {
    if (token.userName() == null) {
      return;
    }
    OAuthToken sameUser = OAuthToken.builder().userName(token.userName()).build();
    for (OAuthToken other : table.findMatching(sameUser)) {
      if (token.userName().equals(other.userName())
          && Objects.equals(token.clientId(), other.clientId())
          && !token.id().equals(other.id())) {
        throw new InvalidTokenException(
            store,
            "saveToken",
            "id " + token.id() + " cannot hold user " + token.userName() + " of client "
                + (token.clientId() == null ? "(none)" : shorten(token.clientId()))
                + ": token " + other.id() + " already does; save without an id to update it");
      }
    }
  }

  private static List<OAuthToken> onlyMatching(OAuthToken query, Collection<OAuthToken> found) {
    List<OAuthToken> out = new ArrayList<>(found.size());
    for (OAuthToken t : found) {
      if (matches(query, t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** The ten values of {@code token} in column order (DESIGN §1); absent values are null. */
  public static List<String> toRow(OAuthToken token) {
    return Arrays.asList(
        token.id(),
        token.userName(),
        token.clientId(),
        Secret.revealOrNull(token.clientSecret()),
        Secret.revealOrNull(token.refreshToken()),
        Secret.revealOrNull(token.accessToken()),
        Secret.revealOrNull(token.grantToken()),
        token.expiresAt() == null ? null : Long.toString(token.expiresAt().toEpochMilli()),
        token.redirectUrl(),
        token.apiDomain());
  }

  /**
   * The token held by ten values in column order; null or empty values are absent.
   *
   * @throws IllegalArgumentException when there are not ten values or {@code expiry_time} is not
   *     a whole number of milliseconds; the message names the column, never a secret
   */
  public static OAuthToken fromRow(List<String> row) {
    if (row.size() != OAuthToken.COLUMNS.size()) {
      throw new IllegalArgumentException(
          "a row has " + row.size() + " values, expected " + OAuthToken.COLUMNS.size());
    }
    return OAuthToken.builder()
        .id(row.get(0))
        .userName(row.get(1))
        .clientId(row.get(2))
        .clientSecret(row.get(3))
        .refreshToken(row.get(4))
        .accessToken(row.get(5))
        .grantToken(row.get(6))
        .expiresAt(parseExpiry(row.get(7)))
        .redirectUrl(row.get(8))
        .apiDomain(row.get(9))
        .build();
  }

  /** Parses {@code expiry_time} (epoch milliseconds as text); null or empty is absent. */
  public static Instant parseExpiry(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expiry_time '" + printable(value) + "' is not a whole number of epoch milliseconds", e);
    }
  }

  private static String printable(String value) {
    String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    StringBuilder s = new StringBuilder();
    cut.codePoints()
        .forEach(c -> s.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
    return s.toString();
  }
}
