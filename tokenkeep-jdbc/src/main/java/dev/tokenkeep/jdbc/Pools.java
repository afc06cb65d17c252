package dev.tokenkeep.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * The small HikariCP pool the store makes from a JDBC URL, set up per database: SQLite in WAL
 * mode with a busy timeout, its file made readable by its owner only; one connection for an
 * in-memory SQLite database (each connection would see a database of its own).
 */
final class Pools {
  /** How long an SQLite writer waits for another process's transaction before giving up. */
  static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;

  private Pools() {}

  /** A pool for {@code url}; nothing connects until the store first asks for a connection. */
  static HikariDataSource open(String url, Dialect dialect, String user, String password,
      Duration connectionTimeout, int maxPoolSize) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(driverUrl(url));
    cfg.setUsername(user);
    cfg.setPassword(password);
    cfg.setPoolName("tokenkeep-" + dialect.product().toLowerCase(Locale.ROOT).replace('/', '-'));
    cfg.setConnectionTimeout(connectionTimeout.toMillis());
    cfg.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 5_000));
    // Errors belong to the store's first call, which names host and port.
    cfg.setInitializationFailTimeout(-1);
    cfg.setMaximumPoolSize(maxPoolSize);
    cfg.setMinimumIdle(1);
    if (dialect == Dialect.SQLITE) {
      Path file = sqliteFile(url);
      if (file == null) {
        // Each connection to :memory: is a database of its own: keep exactly one, for ever.
        cfg.setMaximumPoolSize(1);
        cfg.setMaxLifetime(0);
        cfg.setIdleTimeout(0);
      } else {
        createPrivately(file);
      }
      cfg.addDataSourceProperty("journal_mode", "WAL");
      // FULL: a committed save is on disk before saveToken returns, even across a power cut.
      cfg.addDataSourceProperty("synchronous", "FULL");
      cfg.addDataSourceProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MILLIS));
      // Overwrites what a save replaces or a delete removes, so an old secret (a plaintext value
      // before rekey, a revoked token) does not linger in free pages of the database file.
      cfg.addDataSourceProperty("secure_delete", "true");
    } else if (dialect == Dialect.H2) {
      cfg.setConnectionInitSql("SET LOCK_TIMEOUT 10000");
    } else {
      cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    }
    return new HikariDataSource(cfg);
  }

  /** The pool size when none is chosen: enough for a busy application, light on the server. */
  static int defaultPoolSize(Dialect dialect) {
    return dialect == Dialect.SQLITE || dialect == Dialect.H2 ? 4 : 8;
  }

  /**
   * {@code url}, with {@code jdbc:mysql:} turned into {@code jdbc:mariadb:} when only the
   * MariaDB driver is on the class path (it speaks to both servers).
   */
  static String driverUrl(String url) {
    if (!url.startsWith("jdbc:mysql:") || accepts(url)) {
      return url;
    }
    String mariadb = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
    return accepts(mariadb) ? mariadb : url;
  }

  private static boolean accepts(String url) {
    try {
      DriverManager.getDriver(url);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** The file of an SQLite URL, or null for an in-memory database. */
  static Path sqliteFile(String url) {
    String rest = url.substring("jdbc:sqlite:".length());
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    int query = rest.indexOf('?');
    boolean memory = query >= 0 && rest.substring(query).contains("mode=memory");
    String path = query >= 0 ? rest.substring(0, query) : rest;
    if (memory || path.isEmpty() || path.equals(":memory:")) {
      return null;
    }
    return Path.of(path);
  }

  /** Host and port (or the file) of {@code url}, for messages; never user or password. */
  static String where(String url, Dialect dialect) {
    if (dialect == Dialect.SQLITE) {
      Path file = sqliteFile(url);
      return file == null ? ":memory:" : file.toString();
    }
    int slashes = url.indexOf("//");
    if (slashes < 0) {
      int semicolon = url.indexOf(';');
      return dialect.embedded() ? url.substring(0, semicolon < 0 ? url.length() : semicolon)
          : "localhost:" + dialect.defaultPort();
    }
    String rest = url.substring(slashes + 2);
    int end = rest.length();
    for (char stop : new char[] {'/', '?', ';'}) {
      int i = rest.indexOf(stop);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String hosts = rest.substring(0, end);
    hosts = hosts.substring(hosts.lastIndexOf('@') + 1);
    StringBuilder out = new StringBuilder();
    for (String host : hosts.split(",")) {
      if (out.length() > 0) {
        out.append(',');
      }
      boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
      out.append(host.isEmpty() ? "localhost" : host);
      if (!hasPort && dialect.defaultPort() > 0) {
        out.append(':').append(dialect.defaultPort());
      }
    }
    return out.toString();
  }

  /** Creates {@code file} readable and writable by its owner only, unless it exists. */
  static void createPrivately(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      if (parent != null && !Files.isDirectory(parent)) {
        if (posix) {
          Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(parent);
        }
      }
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      // Made earlier, or just now by another process: either way it is there to open.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the SQLite file " + file, e);
    }
  }
}
