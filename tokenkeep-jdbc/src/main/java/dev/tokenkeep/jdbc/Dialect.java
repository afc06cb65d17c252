package dev.tokenkeep.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What differs between the databases the store runs on: DDL, how a write transaction starts,
 * how an id clash shows, and which lock serves the refresh lock. One instance per database,
 * chosen from the JDBC URL or the connection's metadata; the store builds its SQL from it once.
 */
abstract class Dialect {
  static final Dialect SQLITE = new Sqlite();
  static final Dialect MYSQL = new Mysql();
  static final Dialect POSTGRESQL = new Postgresql();
  static final Dialect H2 = new H2();

  /** The product, as messages name it. */
  abstract String product();

  /** The dialect of a JDBC URL, or null when none fits. */
  static Dialect forUrl(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
      return MYSQL;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    return null;
  }

  /** The dialect of a product name as {@link java.sql.DatabaseMetaData} reports it, or null. */
  static Dialect forProduct(String productName) {
    String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (p.contains("sqlite")) {
      return SQLITE;
    }
    if (p.contains("mysql") || p.contains("mariadb")) {
      return MYSQL;
    }
    if (p.contains("postgres")) {
      return POSTGRESQL;
    }
    if (p.equals("h2")) {
      return H2;
    }
    return null;
  }

  /** The port a URL without one means; 0 for embedded databases. */
  int defaultPort() {
    return 0;
  }

  /** Text appended to CREATE TABLE: engine, character set and collation. */
  String tableOptions(Connection c) throws SQLException {
    return "";
  }

  /** Whether the refresh lock is the database's own session lock rather than a lease row. */
  boolean hasAdvisoryLocks() {
    return false;
  }

  /** The statement that takes an advisory lock without waiting; answers true when taken. */
  String tryAdvisoryLock() {
    throw new UnsupportedOperationException(product() + " has no advisory lock here");
  }

  /** The statement that releases an advisory lock. */
  String advisoryUnlock() {
    throw new UnsupportedOperationException(product() + " has no advisory lock here");
  }

  /** The value that names a lock in the advisory lock statements, made from its SHA-256 digest. */
  Object advisoryLockId(byte[] digest) {
    throw new UnsupportedOperationException(product() + " has no advisory lock here");
  }

  /** Appended to INSERT so that an id clash inserts nothing instead of failing; "" to fail. */
  String onIdClash() {
    return "";
  }

  /** Appended to the SELECT that locks the table's meta row for a write. */
  String forUpdate() {
    return " FOR UPDATE";
  }

  /** Whether writers of one process should queue in the process before the database. */
  boolean queueWritersInProcess() {
    return false;
  }

  /** Starts a write transaction. */
  void begin(Connection c) throws SQLException {
    c.setAutoCommit(false);
  }

  /** Commits the transaction {@link #begin} started. */
  void commit(Connection c) throws SQLException {
    c.commit();
    c.setAutoCommit(true);
  }

  /** Rolls back the transaction {@link #begin} started. */
  void rollback(Connection c) throws SQLException {
    c.rollback();
    c.setAutoCommit(true);
  }

  /** Whether {@code e} reports a duplicate primary or unique key. */
  boolean isDuplicateKey(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("23");
  }

  /** Whether {@code e} is a deadlock or serialization failure worth running the transaction again. */
  boolean isRetryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  /** Whether the database is a file on this machine rather than a server. */
  boolean embedded() {
    return false;
  }

  @Override
  public String toString() {
    return product();
  }

  /** SQLite: one writer at a time by BEGIN IMMEDIATE; the refresh lock is a lease row. */
  private static final class Sqlite extends Dialect {
    @Override
    String product() {
      return "SQLite";
    }

    @Override
    boolean embedded() {
      return true;
    }

    @Override
    String onIdClash() {
      return " ON CONFLICT (id) DO NOTHING";
    }

    @Override
    String forUpdate() {
      return ""; // BEGIN IMMEDIATE already holds the database's write lock
    }

    @Override
    boolean queueWritersInProcess() {
      return true; // SQLite's busy handler polls; a queue in the process keeps it fair
    }

    // The driver's own transactions run BEGIN again right after COMMIT, holding the write lock
    // while the connection idles in the pool, so the store issues the statements itself.
    @Override
    void begin(Connection c) throws SQLException {
      execute(c, "BEGIN IMMEDIATE");
    }

    @Override
    void commit(Connection c) throws SQLException {
      execute(c, "COMMIT");
    }

    @Override
    void rollback(Connection c) throws SQLException {
      execute(c, "ROLLBACK");
    }

    @Override
    boolean isDuplicateKey(SQLException e) {
      return super.isDuplicateKey(e) || e.getErrorCode() == 19; // SQLITE_CONSTRAINT
    }

    private static void execute(Connection c, String sql) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }
  }

  /** MySQL and MariaDB: InnoDB row locks, GET_LOCK for the refresh lock, binary collations. */
  private static final class Mysql extends Dialect {
    @Override
    String product() {
      return "MySQL/MariaDB";
    }

    @Override
    int defaultPort() {
      return 3306;
    }

    // The default collations ignore case and trailing spaces; NO PAD binary ones compare exactly.
    @Override
    String tableOptions(Connection c) throws SQLException {
      boolean mariadb = c.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb")
          || c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("mariadb");
      int major = c.getMetaData().getDatabaseMajorVersion();
      String collation = mariadb ? "utf8mb4_nopad_bin" : major >= 8 ? "utf8mb4_0900_bin" : "utf8mb4_bin";
      return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=" + collation;
    }

    @Override
    boolean hasAdvisoryLocks() {
      return true;
    }

    @Override
    String tryAdvisoryLock() {
      return "SELECT GET_LOCK(?, 0)";
    }

    @Override
    String advisoryUnlock() {
      return "SELECT RELEASE_LOCK(?)";
    }

    // Lock names are at most 64 characters: a prefix and 40 hex digits of the digest.
    @Override
    Object advisoryLockId(byte[] digest) {
      StringBuilder name = new StringBuilder("tokenkeep:");
      for (int i = 0; i < 20; i++) {
        name.append(String.format("%02x", digest[i]));
      }
      return name.toString();
    }

    @Override
    boolean isDuplicateKey(SQLException e) {
      return e.getErrorCode() == 1062 || super.isDuplicateKey(e);
    }

    @Override
    boolean isRetryable(SQLException e) {
      return super.isRetryable(e) || e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
    }
  }

  /** PostgreSQL: row locks, session advisory locks for the refresh lock. */
  private static final class Postgresql extends Dialect {
    @Override
    String product() {
      return "PostgreSQL";
    }

    @Override
    int defaultPort() {
      return 5432;
    }

    // A failed INSERT would abort the whole transaction, so an id clash must not fail.
    @Override
    String onIdClash() {
      return " ON CONFLICT (id) DO NOTHING";
    }

    @Override
    boolean hasAdvisoryLocks() {
      return true;
    }

    @Override
    String tryAdvisoryLock() {
      return "SELECT pg_try_advisory_lock(?)";
    }

    @Override
    String advisoryUnlock() {
      return "SELECT pg_advisory_unlock(?)";
    }

    @Override
    Object advisoryLockId(byte[] digest) {
      return java.nio.ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    }
  }

  /** H2: row locks; the refresh lock is a lease row. */
  private static final class H2 extends Dialect {
    @Override
    String product() {
      return "H2";
    }

    @Override
    boolean embedded() {
      return true;
    }

    @Override
    boolean isRetryable(SQLException e) {
      return super.isRetryable(e) || "HYT00".equals(e.getSQLState());
    }
  }
}
