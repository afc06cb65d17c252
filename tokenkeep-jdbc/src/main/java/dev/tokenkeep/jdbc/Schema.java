package dev.tokenkeep.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The token table's layout: creates it with its indexes when missing, records the schema
 * version, finds which columns compare inexactly (MySQL and MariaDB collations), reports what a
 * table lacks, and adds the missing indexes to a table made by Zoho's SDK.
 *
 * <p>Version 0 is Zoho's table as its SDK makes it (ten columns, the id as primary key, nothing
 * else); version 1 adds the lookup indexes and, where comparisons are exact, the unique key on
 * (user_name, client_id).
 */
final class Schema {
  static final int VERSION = 1;

  private static final Pattern CHARSET = Pattern.compile("[a-z0-9_]{1,32}");

  private final Dialect dialect;
  private final String table;
  private final Statements sql;

  Schema(Dialect dialect, String table) {
    this.dialect = dialect;
    this.table = table;
    this.sql = new Statements(dialect, table, Map.of(), Map.of());
  }

  /** How many characters the secret and redirect columns of tables made here hold. */
  static final int WIDE = 2048;

  /** How many characters of a wide column a MySQL/MariaDB index covers (its key is at most 3072 bytes). */
  private static final int MYSQL_INDEX_PREFIX = 255;

  /** The lookups the store makes and the index each needs, by suffix of the index name. */
  private static final Map<String, List<String>> LOOKUPS = new LinkedHashMap<>();

  static {
    LOOKUPS.put("user_client", List.of("user_name", "client_id"));
    LOOKUPS.put("access_token", List.of("access_token"));
    LOOKUPS.put("refresh_token", List.of("refresh_token"));
    LOOKUPS.put("grant_token", List.of("grant_token"));
  }

  /**
   * Makes what the store needs and is missing: the token table (version 1) when there is none,
   * the meta table with this table's rows, and the lease table where the refresh lock uses one.
   * Returns whether the token table was created now.
   */
  boolean prepare(Connection c) throws SQLException {
    boolean existed = tableExists(c, table);
    execute(c, "CREATE TABLE IF NOT EXISTS " + Statements.META + " (table_name varchar(64) NOT NULL, "
        + "item varchar(32) NOT NULL, item_value varchar(64), PRIMARY KEY (table_name, item))"
        + dialect.tableOptions(c), Statements.META);
    if (!dialect.hasAdvisoryLocks()) {
      execute(c, "CREATE TABLE IF NOT EXISTS " + Statements.LOCKS + " (lock_name varchar(100) NOT NULL "
          + "PRIMARY KEY, holder varchar(40) NOT NULL, expires_at bigint NOT NULL)", Statements.LOCKS);
    }
    if (!existed) {
      // Zoho's columns, but its 255 characters are too few for the secrets of other providers (a
      // JWT access token is often 800) and for encrypted values, so tables made here hold more.
      String wide = "varchar(" + WIDE + ")";
      execute(c, "CREATE TABLE IF NOT EXISTS " + table + " (id varchar(10) NOT NULL PRIMARY KEY, "
          + "user_name varchar(255), client_id varchar(255), client_secret " + wide + ", "
          + "refresh_token " + wide + ", access_token " + wide + ", grant_token " + wide + ", "
          + "expiry_time varchar(20), redirect_url " + wide + ", api_domain varchar(255))"
          + dialect.tableOptions(c), table);
      addMissingIndexes(c);
    }
    putIfAbsent(c, Statements.SCHEMA_VERSION, existed ? "0" : Integer.toString(VERSION));
    if (readMeta(c, Statements.LARGEST_ID) == null) {
      putIfAbsent(c, Statements.LARGEST_ID, Long.toString(TokenTable.scanLargestId(c, sql)));
    }
    return !existed;
  }

  /**
   * The columns whose collation ignores case or trailing spaces, each with its character set;
   * empty but on MySQL and MariaDB, whose default collations do.
   */
  Map<String, String> inexactColumns(Connection c) throws SQLException {
    Map<String, String> inexact = new TreeMap<>();
    if (dialect != Dialect.MYSQL) {
      return inexact;
    }
    String query = "SELECT COLUMN_NAME, CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS "
        + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
    try (PreparedStatement ps = c.prepareStatement(query)) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String column = rs.getString(1).toLowerCase(Locale.ROOT);
          String charset = rs.getString(2);
          String collation = rs.getString(3);
          if (collation != null && !exact(collation) && CHARSET.matcher(charset).matches()) {
            inexact.put(column, charset);
          }
        }
      }
    }
    return inexact;
  }

  /** Whether a MySQL/MariaDB collation compares bytes, trailing spaces included. */
  private static boolean exact(String collation) {
    String c = collation.toLowerCase(Locale.ROOT);
    return c.endsWith("_nopad_bin") || c.endsWith("_0900_bin") || c.equals("binary");
  }

  /** What the table has and lacks. */
  JdbcTokenStore.SchemaReport inspect(Connection c, String store) throws SQLException {
    if (!tableExists(c, table)) {
      return new JdbcTokenStore.SchemaReport(store, table, false, -1, List.copyOf(LOOKUPS.keySet()),
          false, true, List.of("table " + table + " is missing; opening the store creates it"));
    }
    Map<String, String> inexact = inexactColumns(c);
    List<Index> indexes = indexes(c);
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, List<String>> lookup : LOOKUPS.entrySet()) {
      if (indexes.stream().noneMatch(i -> i.serves(lookup.getValue()))) {
        missing.add(String.join(", ", lookup.getValue()));
      }
    }
    boolean unique = indexes.stream().anyMatch(i -> i.unique && i.columns.equals(LOOKUPS.get("user_client")));
    String version = readMeta(c, Statements.SCHEMA_VERSION);
    List<String> notes = new ArrayList<>();
    if (inexact.isEmpty()) {
      notes.add("comparisons are exact: the columns compare case and trailing spaces");
    } else {
      notes.add("columns " + String.join(", ", inexact.keySet()) + " use a collation that ignores case "
          + "or trailing spaces; the store's queries compare them exactly with CAST(... AS BINARY), "
          + "so lookups stay exact");
    }
    if (!unique) {
      notes.add("no unique key on (user_name, client_id): the store's write lock keeps one token per "
          + "user and client" + (inexact.isEmpty() ? "; upgradeSchema() adds the key"
              : " (a unique key under this collation would take Alice and alice for one user)"));
    }
    if (!missing.isEmpty()) {
      notes.add("lookups without an index (each scans the table): " + String.join("; ", missing)
          + "; upgradeSchema() adds them");
    }
    return new JdbcTokenStore.SchemaReport(store, table, true, version == null ? -1 : Integer.parseInt(version),
        missing, unique, inexact.isEmpty(), notes);
  }

  /**
   * Adds the indexes the lookups need and are missing. The key on (user_name, client_id) is
   * unique when its columns compare exactly and the rows allow it, a plain index otherwise.
   */
  void addMissingIndexes(Connection c) throws SQLException {
    boolean exact = inexactColumns(c).isEmpty();
    List<Index> indexes = indexes(c);
    for (Map.Entry<String, List<String>> lookup : LOOKUPS.entrySet()) {
      List<String> columns = lookup.getValue();
      boolean userKey = lookup.getKey().equals("user_client");
      boolean present = userKey
          ? indexes.stream().anyMatch(i -> i.columns.equals(columns) && (i.unique || !exact))
          : indexes.stream().anyMatch(i -> i.serves(columns));
      if (present) {
        continue;
      }
      String name = table + "_" + lookup.getKey();
      if (userKey && indexes.stream().anyMatch(i -> i.name.equalsIgnoreCase(name))) {
        execute(c, "DROP INDEX " + name + (dialect == Dialect.MYSQL ? " ON " + table : ""), name);
      }
      String create = "INDEX " + name + " ON " + table + " (" + indexColumns(columns, userKey) + ")";
      if (userKey && exact) {
        try {
          execute(c, "CREATE UNIQUE " + create, name);
          continue;
        } catch (SQLException e) {
          if (!dialect.isDuplicateKey(e)) {
            throw e;
          }
          // Rows already break the rule (two tokens of one user and client); keep a plain index.
        }
      }
      execute(c, "CREATE " + create, name);
    }
  }

  /** Records the schema version this store's layout has reached. */
  void recordVersion(Connection c, int version) throws SQLException {
    if (readMeta(c, Statements.SCHEMA_VERSION) == null) {
      putIfAbsent(c, Statements.SCHEMA_VERSION, Integer.toString(version));
      return;
    }
    try (PreparedStatement ps = sql.writeMeta.prepare(c, Integer.toString(version), table, Statements.SCHEMA_VERSION)) {
      ps.executeUpdate();
    }
  }

  private String readMeta(Connection c, String item) throws SQLException {
    try (PreparedStatement ps = sql.readMeta.prepare(c, table, item);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Inserts a meta row unless another process just did. */
  private void putIfAbsent(Connection c, String item, String value) throws SQLException {
    if (readMeta(c, item) != null) {
      return;
    }
    try (PreparedStatement ps = sql.insertMeta.prepare(c, table, item, value)) {
      ps.executeUpdate();
    } catch (SQLException e) {
      if (!dialect.isDuplicateKey(e) || readMeta(c, item) == null) {
        throw e;
      }
    }
  }

  /** Runs DDL; when it fails because another process made {@code object} first, that is fine. */
  private void execute(Connection c, String ddl, String object) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(ddl);
    } catch (SQLException e) {
      boolean raced = ddl.startsWith("CREATE TABLE") ? tableExists(c, object)
          : ddl.startsWith("CREATE") && indexes(c).stream().anyMatch(i -> i.name.equalsIgnoreCase(object));
      if (!raced) {
        throw e;
      }
    }
  }

  /** A token lookup's index columns; on MySQL/MariaDB a wide secret column is indexed by its prefix. */
  private String indexColumns(List<String> columns, boolean userKey) {
    if (dialect != Dialect.MYSQL || userKey) {
      return String.join(", ", columns);
    }
    return columns.get(0) + "(" + MYSQL_INDEX_PREFIX + ")";
  }

  /** How many characters each column of the token table holds, by column name in lower case. */
  Map<String, Integer> columnWidths(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    Map<String, Integer> widths = new TreeMap<>();
    try (ResultSet rs = meta.getColumns(c.getCatalog(), schema(c), stored(meta, table), null)) {
      while (rs.next()) {
        int size = rs.getInt("COLUMN_SIZE");
        if (size > 0) {
          widths.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), size);
        }
      }
    }
    return widths;
  }

  boolean tableExists(Connection c, String name) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getTables(c.getCatalog(), schema(c), stored(meta, name), null)) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private List<Index> indexes(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    Map<String, Index> byName = new LinkedHashMap<>();
    try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), schema(c), stored(meta, table), false, false)) {
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        String column = rs.getString("COLUMN_NAME");
        if (name == null || column == null) {
          continue;
        }
        Index index = byName.computeIfAbsent(name, n -> {
          try {
            return new Index(n, !rs.getBoolean("NON_UNIQUE"));
          } catch (SQLException e) {
            throw new TokenTable.SqlFailure(e);
          }
        });
        int position = rs.getInt("ORDINAL_POSITION");
        while (index.columns.size() < position) {
          index.columns.add("");
        }
        index.columns.set(position - 1, column.toLowerCase(Locale.ROOT));
      }
    } catch (TokenTable.SqlFailure e) {
      throw e.getCause();
    }
    return new ArrayList<>(byName.values());
  }

  private static String schema(Connection c) throws SQLException {
    try {
      return c.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null;
    }
  }

  /** A name as the database stores unquoted identifiers (H2 upper case, PostgreSQL lower case). */
  private static String stored(DatabaseMetaData meta, String name) throws SQLException {
    if (meta.storesUpperCaseIdentifiers()) {
      return name.toUpperCase(Locale.ROOT);
    }
    if (meta.storesLowerCaseIdentifiers()) {
      return name.toLowerCase(Locale.ROOT);
    }
    return name;
  }

  /** One index of the table: its name, whether unique, its columns in order. */
  private static final class Index {
    final String name;
    final boolean unique;
    final List<String> columns = new ArrayList<>();

    Index(String name, boolean unique) {
      this.name = name;
      this.unique = unique;
    }

    /** Whether a lookup on {@code lookup} can use this index: it leads with the first column. */
    boolean serves(List<String> lookup) {
      return !columns.isEmpty() && columns.get(0).equals(lookup.get(0));
    }
  }
}
