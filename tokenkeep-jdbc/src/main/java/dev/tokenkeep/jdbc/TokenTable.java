package dev.tokenkeep.jdbc;

import dev.tokenkeep.InvalidTokenException;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.store.StoreRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The token table seen through one connection: the lookups that narrow candidates for {@link
 * StoreRules}, and the {@link StoreRules.Table} primitives a save runs inside its transaction.
 * It decides nothing: matching, merging and the save rules are {@link StoreRules}'.
 */
final class TokenTable implements StoreRules.Table {
  /** The width of a column the database does not report: Zoho's DDL. */
  private static final int ZOHO_TEXT = 255;
  private static final int ZOHO_EXPIRY = 20;
  private static final int ID_ATTEMPTS = 5;

  private final Connection c;
  private final Statements sql;
  private final Dialect dialect;
  private final String store;
  private final String table;
  private final String operation;
  private long largestId = -1;

  TokenTable(Connection c, Statements sql, Dialect dialect, String store, String table, String operation) {
    this.c = c;
    this.sql = sql;
    this.dialect = dialect;
    this.store = store;
    this.table = table;
    this.operation = operation;
  }

  /**
   * Locks this table's meta row until the transaction ends, so that writers of every thread and
   * process take turns, and reads the largest id handed out so far.
   */
  void lockForWrite() throws SQLException {
    String largest = null;
    boolean present = false;
    try (PreparedStatement ps = sql.lockMeta.prepare(c, table, Statements.LARGEST_ID);
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        present = true;
        largest = rs.getString(1);
      }
    }
    if (!present) {
      // Someone removed the row; make it again from the ids stored (rare, and still exact).
      largestId = scanLargestId(c, sql);
      try (PreparedStatement ps = sql.insertMeta.prepare(c, table, Statements.LARGEST_ID, Long.toString(largestId))) {
        ps.executeUpdate();
      }
      return;
    }
    largestId = largest == null ? 0 : StoreRules.numericId(largest);
    if (largestId < 0) {
      throw new TokenStoreException(store, operation, Statements.META + " holds '" + largest + "' as the "
          + "largest id of " + table + ", not a number; delete that row and the store makes it again");
    }
  }

  /** The stored tokens a find for {@code query} must choose from: a superset of the matches. */
  List<OAuthToken> candidates(OAuthToken query) throws SQLException {
    switch (StoreRules.matchFor(query)) {
      case BY_USER:
        return query.clientId() == null
            ? select(sql.byUser, query.userName())
            : select(sql.byUserAndClient, query.userName(), query.clientId());
      case BY_ACCESS_TOKEN:
        return select(sql.byAccessToken, query.accessToken().reveal());
      case BY_GRANT_TOKEN:
        return select(sql.byGrantToken, query.clientId(), query.grantToken().reveal());
      case BY_REFRESH_TOKEN:
        return select(sql.byRefreshToken, query.clientId(), query.refreshToken().reveal());
      default:
        return List.of();
    }
  }

  /** The token whose id is exactly {@code id}. */
  Optional<OAuthToken> byId(String id) throws SQLException {
    for (OAuthToken t : select(sql.byId, id)) {
      if (t.id().equals(id)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Every stored token, ordered by id. */
  List<OAuthToken> all() throws SQLException {
    List<OAuthToken> tokens = select(sql.all);
    tokens.sort(StoreRules.BY_ID);
    return tokens;
  }

  /** Deletes the token whose id is exactly {@code id}; false when there is none. */
  boolean delete(String id) throws SQLException {
    Optional<OAuthToken> stored = byId(id);
    if (stored.isEmpty()) {
      return false;
    }
    try (PreparedStatement ps = sql.deleteById.prepare(c, stored.get().id())) {
      return ps.executeUpdate() > 0;
    }
  }

  /** Deletes every token. */
  void deleteAll() throws SQLException {
    try (PreparedStatement ps = sql.deleteAll.prepare(c)) {
      ps.executeUpdate();
    }
  }

  @Override
  public Optional<OAuthToken> findById(String id) {
    try {
      return byId(id);
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  @Override
  public Collection<OAuthToken> findMatching(OAuthToken query) {
    try {
      return candidates(query);
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  @Override
  public OAuthToken insert(OAuthToken token) {
    checkFits(token);
    try {
      if (token.id() != null) {
        if (!tryInsert(token)) {
          throw new InvalidTokenException(store, operation, "id " + token.id()
              + " was taken by another writer during this save; save again");
        }
        raiseLargestId(StoreRules.numericId(token.id()));
        return token;
      }
      for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
        OAuthToken numbered = token.withId(StoreRules.nextId(store, largestId));
        if (tryInsert(numbered)) {
          raiseLargestId(StoreRules.numericId(numbered.id()));
          return numbered;
        }
        // A writer that does not take our lock (Zoho's own SDK) used that id: skip past its ids.
        largestId = Math.max(largestId + 1, scanLargestId(c, sql));
      }
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
    throw new TokenStoreException(store, operation, ID_ATTEMPTS + " new ids in a row were taken by "
        + "other writers of " + table + "; save again");
  }

  @Override
  public void update(OAuthToken stored, OAuthToken updated) {
    checkFits(updated);
    List<String> row = StoreRules.toRow(updated);
    try (PreparedStatement ps = sql.update.prepare(c, stored.id(), row.get(1), row.get(2), row.get(3),
        row.get(4), row.get(5), row.get(6), row.get(7), row.get(8), row.get(9))) {
      if (ps.executeUpdate() != 1) {
        throw new TokenStoreException(store, operation, "token " + stored.id() + " disappeared during "
            + "the save (removed by a writer that does not take this store's lock); save again");
      }
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  /** Inserts {@code token}; false when its id is taken. */
  private boolean tryInsert(OAuthToken token) throws SQLException {
    try (PreparedStatement ps = sql.insert.prepare(c, StoreRules.toRow(token).toArray())) {
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (dialect.isDuplicateKey(e) && byId(token.id()).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  private void raiseLargestId(long id) throws SQLException {
    if (id <= largestId) {
      return;
    }
    largestId = id;
    try (PreparedStatement ps = sql.writeMeta.prepare(c, Long.toString(id), table, Statements.LARGEST_ID)) {
      ps.executeUpdate();
    }
  }

  /** The largest numeric id stored, by value: ids are text, and as text "9" sorts after "10". */
  static long scanLargestId(Connection c, Statements sql) throws SQLException {
    long largest = 0;
    try (PreparedStatement ps = sql.allIds.prepare(c);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        largest = Math.max(largest, StoreRules.numericId(rs.getString(1)));
      }
    }
    return largest;
  }

  private List<OAuthToken> select(Statements.Query query, Object... values) throws SQLException {
    List<OAuthToken> found = new ArrayList<>();
    try (PreparedStatement ps = query.prepare(c, values);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        found.add(read(rs));
      }
    }
    return found;
  }

  private OAuthToken read(ResultSet rs) throws SQLException {
    List<String> row = new ArrayList<>(OAuthToken.COLUMNS.size());
    for (int i = 1; i <= OAuthToken.COLUMNS.size(); i++) {
      row.add(rs.getString(i));
    }
    try {
      return StoreRules.fromRow(row);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException(store, operation, "the row of " + table + " with id " + row.get(0)
          + " is not readable: " + e.getMessage() + "; correct or delete that row", e);
    }
  }

  /** Refuses a value the column cannot hold, rather than let a lenient database cut it. */
  private void checkFits(OAuthToken token) {
    List<String> row = StoreRules.toRow(token);
    for (int i = 1; i < row.size(); i++) {
      String value = row.get(i);
      String column = OAuthToken.COLUMNS.get(i);
      int max = sql.widths.getOrDefault(column, column.equals(OAuthToken.EXPIRY_TIME) ? ZOHO_EXPIRY : ZOHO_TEXT);
      if (value != null && value.codePointCount(0, value.length()) > max) {
        throw new InvalidTokenException(store, operation, "column " + column + " holds at most " + max
            + " characters, and the token's value has " + value.codePointCount(0, value.length())
            + "; nothing was saved — shorten the value");
      }
    }
  }

  /** Carries a database failure out of a {@link StoreRules.Table} method, which cannot throw it. */
  static final class SqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SqlFailure(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }
}
