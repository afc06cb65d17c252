package dev.tokenkeep.jdbc;

import dev.tokenkeep.OAuthToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The SQL text of one token table in one dialect, built once when the store opens. Every
 * statement is prepared; values are only ever bound, never written into the text.
 */
final class Statements {
  static final String META = "tokenkeep_meta";
  static final String LOCKS = "tokenkeep_lock";
  static final String LARGEST_ID = "largest_id";
  static final String SCHEMA_VERSION = "schema_version";

  private static final String COLUMNS = String.join(", ", OAuthToken.COLUMNS);

  final Query byId;
  final Query byUser;
  final Query byUserAndClient;
  final Query byAccessToken;
  final Query byGrantToken;
  final Query byRefreshToken;
  final Query all;
  final Query allIds;
  final Query insert;
  final Query update;
  final Query deleteById;
  final Query deleteAll;
  final Query lockMeta;
  final Query readMeta;
  final Query writeMeta;
  final Query insertMeta;
  final Query deleteExpiredLock;
  final Query insertLock;
  final Query deleteLock;
  /** How many characters each column holds, by lower-case name, as the database reports. */
  final Map<String, Integer> widths;

  /**
   * Statements for {@code table}; {@code inexact} maps each column whose collation does not
   * compare exactly to its character set, and those columns get an exact comparison added.
   */
  Statements(Dialect dialect, String table, Map<String, String> inexact, Map<String, Integer> widths) {
    this.widths = Map.copyOf(widths);
    String select = "SELECT " + COLUMNS + " FROM " + table + " WHERE ";
    byId = new Where(inexact).eq("id", 0).query(select);
    byUser = new Where(inexact).eq("user_name", 0).query(select);
    byUserAndClient = new Where(inexact).eq("user_name", 0).eq("client_id", 1).query(select);
    byAccessToken = new Where(inexact).eq("access_token", 0).query(select);
    byGrantToken = new Where(inexact).eq("client_id", 0).eq("grant_token", 1).query(select);
    byRefreshToken = new Where(inexact).eq("client_id", 0).eq("refresh_token", 1).query(select);
    all = Query.of("SELECT " + COLUMNS + " FROM " + table, 0);
    allIds = Query.of("SELECT id FROM " + table, 0);
    insert = Query.of("INSERT INTO " + table + " (" + COLUMNS + ") VALUES ("
        + String.join(", ", Collections.nCopies(OAuthToken.COLUMNS.size(), "?")) + ")"
        + dialect.onIdClash(), OAuthToken.COLUMNS.size());
    List<String> assignments = new ArrayList<>();
    int[] updateArgs = new int[OAuthToken.COLUMNS.size()];
    for (int i = 1; i < OAuthToken.COLUMNS.size(); i++) {
      assignments.add(OAuthToken.COLUMNS.get(i) + " = ?");
      updateArgs[i - 1] = i;
    }
    // Updates and deletes name the id exactly as read from the row, which the primary key
    // holds once even under a case-insensitive collation.
    update = new Query("UPDATE " + table + " SET " + String.join(", ", assignments) + " WHERE id = ?", updateArgs);
    deleteById = Query.of("DELETE FROM " + table + " WHERE id = ?", 1);
    deleteAll = Query.of("DELETE FROM " + table, 0);
    String meta = " FROM " + META + " WHERE table_name = ? AND item = ?";
    lockMeta = Query.of("SELECT item_value" + meta + dialect.forUpdate(), 2);
    readMeta = Query.of("SELECT item_value" + meta, 2);
    writeMeta = Query.of("UPDATE " + META + " SET item_value = ? WHERE table_name = ? AND item = ?", 3);
    insertMeta = Query.of("INSERT INTO " + META + " (table_name, item, item_value) VALUES (?, ?, ?)", 3);
    deleteExpiredLock = Query.of("DELETE FROM " + LOCKS + " WHERE lock_name = ? AND expires_at <= ?", 2);
    insertLock = Query.of("INSERT INTO " + LOCKS + " (lock_name, holder, expires_at) VALUES (?, ?, ?)", 3);
    deleteLock = Query.of("DELETE FROM " + LOCKS + " WHERE lock_name = ? AND holder = ?", 2);
  }

  /** One statement, and which of the caller's values each placeholder takes, in order. */
  static final class Query {
    final String sql;
    private final int[] args;

    Query(String sql, int[] args) {
      this.sql = sql;
      this.args = args;
    }

    /** A statement whose {@code n} placeholders take the values in the order given. */
    static Query of(String sql, int n) {
      int[] args = new int[n];
      for (int i = 0; i < n; i++) {
        args[i] = i;
      }
      return new Query(sql, args);
    }

    /** The statement prepared on {@code c} with {@code values} bound. */
    PreparedStatement prepare(Connection c, Object... values) throws SQLException {
      PreparedStatement ps = c.prepareStatement(sql);
      try {
        for (int i = 0; i < args.length; i++) {
          Object v = values[args[i]];
          if (v == null) {
            ps.setNull(i + 1, java.sql.Types.VARCHAR);
          } else if (v instanceof String) {
            ps.setString(i + 1, (String) v);
          } else {
            ps.setObject(i + 1, v);
          }
        }
        return ps;
      } catch (SQLException | RuntimeException e) {
        ps.close();
        throw e;
      }
    }

    @Override
    public String toString() {
      return sql;
    }
  }

  /** A WHERE clause of exact equalities, built column by column. */
  private static final class Where {
    private final Map<String, String> inexact;
    private final List<String> terms = new ArrayList<>();
    private final List<Integer> args = new ArrayList<>();

    Where(Map<String, String> inexact) {
      this.inexact = inexact;
    }

    Where eq(String column, int arg) {
      String charset = inexact.get(column);
      if (charset == null) {
        terms.add(column + " = ?");
        args.add(arg);
      } else {
        // The first comparison can use an index; the second makes it exact (case, trailing
        // spaces), comparing the bytes in the column's own character set.
        terms.add("(" + column + " = ? AND CAST(" + column + " AS BINARY) = CAST(CONVERT(? USING "
            + charset + ") AS BINARY))");
        args.add(arg);
        args.add(arg);
      }
      return this;
    }

    Query query(String prefix) {
      return new Query(prefix + String.join(" AND ", terms), args.stream().mapToInt(Integer::intValue).toArray());
    }
  }
}
