package dev.tokenkeep.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.tokenkeep.TokenStoreException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * A data source with the store's way of using it: reads on a connection of their own,
 * writes in a transaction that runs again when a connection broke before the commit or the
 * database chose it as a deadlock victim, and every failure turned into a {@link
 * TokenStoreException} that names where the database is and never holds the password.
 */
final class Database implements AutoCloseable {
  private static final int WRITE_ATTEMPTS = 3;

  final Dialect dialect;
  final String name;
  private final String where;
  private final DataSource dataSource;
  private final HikariDataSource ownPool;
  private final String password;
  private final boolean checkIsolation;
  private final ReentrantLock writers = new ReentrantLock(true);

  /** A unit of work on a connection. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * @param name the store's name for messages, without password
   * @param where host and port, or the file, for messages
   * @param ownPool the pool the store made and closes, or null for the application's
   * @param password masked in any text the store writes; may be null
   */
  Database(Dialect dialect, String name, String where, DataSource dataSource, HikariDataSource ownPool,
      String password) {
    this.dialect = dialect;
    this.name = name;
    this.where = where;
    this.dataSource = dataSource;
    this.ownPool = ownPool;
    this.password = password == null || password.isEmpty() ? null : password;
    // Our pools start connections at READ COMMITTED; an application's may not.
    this.checkIsolation = ownPool == null && !dialect.embedded();
  }

  /** Runs {@code work} on a connection; runs it once more when the connection proved broken. */
  <T> T run(String operation, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = connect(operation)) {
        return work.run(c);
      } catch (SQLException | TokenTable.SqlFailure e) {
        SQLException cause = unwrap(e);
        if (attempt == 1 && brokenConnection(cause)) {
          continue; // the pool handed out a connection that died meanwhile; it evicts it
        }
        throw failure(operation, cause);
      }
    }
  }

  /** Runs {@code work} in one transaction and commits it. */
  <T> T transaction(String operation, Work<T> work) {
    boolean queue = dialect.queueWritersInProcess();
    if (queue) {
      writers.lock();
    }
    try {
      for (int attempt = 1; ; attempt++) {
        boolean[] committing = new boolean[1];
        try (Connection c = connect(operation)) {
          return inTransaction(c, work, committing);
        } catch (SQLException | TokenTable.SqlFailure e) {
          SQLException cause = unwrap(e);
          boolean again = brokenConnection(cause) || dialect.isRetryable(cause);
          if (!committing[0] && again && attempt < WRITE_ATTEMPTS) {
            continue;
          }
          if (committing[0] && brokenConnection(cause)) {
            throw new TokenStoreException(name, operation, "the connection to " + dialect.product() + " at "
                + where + " broke during the commit, so the write may or may not be stored; "
                + "read it back to see, and write again if it is missing", cause);
          }
          throw failure(operation, cause);
        }
      }
    } finally {
      if (queue) {
        writers.unlock();
      }
    }
  }

  private <T> T inTransaction(Connection c, Work<T> work, boolean[] committing) throws SQLException {
    int isolation = checkIsolation ? c.getTransactionIsolation() : Connection.TRANSACTION_NONE;
    // At REPEATABLE READ and above, PostgreSQL refuses a row another writer changed since the
    // snapshot; the store's writes lock first and then read, which READ COMMITTED keeps exact.
    boolean lowered = isolation > Connection.TRANSACTION_READ_COMMITTED;
    if (lowered) {
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
    try {
      dialect.begin(c);
      T result;
      try {
        result = work.run(c);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
      committing[0] = true;
      dialect.commit(c);
      return result;
    } finally {
      if (lowered) {
        c.setTransactionIsolation(isolation);
      }
    }
  }

  private void rollbackQuietly(Connection c, Exception cause) {
    try {
      dialect.rollback(c);
    } catch (SQLException e) {
      cause.addSuppressed(e); // a broken connection is evicted by the pool when closed
    }
  }

  /** A connection from the pool, or the error that says the database cannot be reached. */
  Connection connect(String operation) {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /** Gives back a connection that may hold a session lock it could not release: never reuse it. */
  void discard(Connection c) {
    try {
      if (ownPool != null) {
        ownPool.evictConnection(c);
        return;
      }
      if (dataSource instanceof HikariDataSource) {
        ((HikariDataSource) dataSource).evictConnection(c);
        return;
      }
      c.abort(Runnable::run);
      c.close();
    } catch (SQLException | RuntimeException e) {
      // The connection is unusable either way; the server ends its session and locks.
    }
  }

  /** The error for a failed database call: unreachable (host and port), busy, or refused. */
  TokenStoreException failure(String operation, Throwable e) {
    if (brokenConnection(e) && loginRefused(e)) {
      return new TokenStoreException(name, operation, dialect.product() + " at " + where
          + " refused the connection" + reason(e) + "; check the database name, user and password", e);
    }
    if (brokenConnection(e)) {
      return new TokenStoreException(name, operation, "cannot reach " + dialect.product() + " at " + where
          + reason(e) + "; check that the database is running and reachable there — the store "
          + "reconnects by itself once it answers", e);
    }
    SQLException s = e instanceof SQLException ? (SQLException) e : null;
    if (dialect == Dialect.SQLITE && s != null && (s.getErrorCode() == 5 || s.getErrorCode() == 6)) {
      return new TokenStoreException(name, operation, "the database file " + where + " stayed locked by "
          + "another connection for the whole busy timeout; retry, and look for a process that holds "
          + "a long transaction on it", e);
    }
    String code = s == null ? "" : " (SQLState " + s.getSQLState() + ", error " + s.getErrorCode() + ")";
    return new TokenStoreException(name, operation, dialect.product() + " at " + where + " refused the "
        + "statement" + code + "; nothing was changed — the cause holds the database's message", e);
  }

  /** Whether {@code e} says the connection is gone, or none could be had. */
  static boolean brokenConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof IOException) {
        return true;
      }
      if (t instanceof SQLException) {
        String state = ((SQLException) t).getSQLState();
        if (state != null && state.startsWith("08")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The network's own words (" (Connection refused)"), when the root cause is an I/O error. */
  private String reason(Throwable e) {
    Throwable root = e;
    SQLException refusal = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      root = t;
      if (t instanceof SQLException && refusedLogin((SQLException) t)) {
        refusal = (SQLException) t; // the deepest one: the pool's wrapper copies the driver's state
      }
    }
    // A server that answered but refused the login (unknown database, wrong user or password)
    // is not "unreachable": say what it said, which names no password.
    Throwable told = refusal != null ? refusal : root instanceof IOException ? root : null;
    if (told == null || told.getMessage() == null) {
      return "";
    }
    return " (" + mask(told.getMessage()) + ")";
  }

  private static boolean loginRefused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException && refusedLogin((SQLException) t)) {
        return true;
      }
    }
    return false;
  }

  /** SQLState 28 (authorization), 3D (PostgreSQL: no such database), 42000 with MariaDB's 1049 (unknown database). */
  private static boolean refusedLogin(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("28") || state.startsWith("3D") || e.getErrorCode() == 1049);
  }

  /** {@code text} with the password, if any, replaced. */
  String mask(String text) {
    return password == null ? text : text.replace(password, "***");
  }

  /** Where the database is, for messages: host and port, or the file. */
  String where() {
    return where;
  }

  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.close();
    }
  }

  private static SQLException unwrap(Exception e) {
    return e instanceof TokenTable.SqlFailure ? ((TokenTable.SqlFailure) e).getCause() : (SQLException) e;
  }
}
