package dev.tokenkeep.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The databases of one test class: an SQLite file in a temporary folder, and a scratch
 * database on MariaDB and on PostgreSQL made on first use and dropped after the class (register
 * it with {@code @RegisterExtension static}).
 */
final class Databases implements AutoCloseable, AfterAllCallback {
  /** A database the store runs on. */
  enum Kind {
    SQLITE, MARIADB, POSTGRES, H2
  }

  private final Map<Kind, Servers.Scratch> scratches = new EnumMap<>(Kind.class);
  private final String h2 = "jdbc:h2:mem:" + Tables.next() + ";DB_CLOSE_DELAY=-1";
  private Path dir;

  /** The JDBC URL (user included, no password) of this class's database of {@code kind}. */
  synchronized String url(Kind kind) {
    switch (kind) {
      case SQLITE:
        return "jdbc:sqlite:" + folder().resolve("tokens.db");
      case H2:
        return h2;
      case MARIADB:
        return scratches.computeIfAbsent(kind, k -> Servers.MARIADB.scratch()).url;
      default:
        return scratches.computeIfAbsent(kind, k -> Servers.POSTGRES.scratch()).url;
    }
  }

  /** An application's pool on the scratch database of a server {@code kind}. */
  synchronized DataSource pool(Kind kind) {
    require(kind);
    url(kind);
    return scratches.get(kind).pool();
  }

  /** Skips (or under CI fails) the test when the server of {@code kind} is unreachable. */
  static void require(Kind kind) {
    if (kind == Kind.MARIADB) {
      Servers.MARIADB.require();
    } else if (kind == Kind.POSTGRES) {
      Servers.POSTGRES.require();
    }
  }

  /** A store on table {@code table} of the database of {@code kind}. */
  JdbcTokenStore open(Kind kind, String table) {
    require(kind);
    return JdbcTokenStore.builder().url(url(kind)).table(table).build();
  }

  /** Runs {@code sql} in the database of {@code kind}, outside any store. */
  void execute(Kind kind, String... sql) {
    try (Connection c = DriverManager.getConnection(url(kind)); Statement s = c.createStatement()) {
      for (String one : sql) {
        s.execute(one);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(kind + ": " + e.getMessage(), e);
    }
  }

  /** The single number {@code sql} answers in the database of {@code kind}. */
  long number(Kind kind, String sql) {
    try (Connection c = DriverManager.getConnection(url(kind)); Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(kind + ": " + e.getMessage(), e);
    }
  }

  /** A temporary folder of this class, removed on close. */
  synchronized Path folder() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("tokenkeep-jdbc");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return dir;
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
  }

  @Override
  public synchronized void close() throws IOException {
    for (Servers.Scratch s : scratches.values()) {
      s.close();
    }
    scratches.clear();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      dir = null;
    }
  }
}
