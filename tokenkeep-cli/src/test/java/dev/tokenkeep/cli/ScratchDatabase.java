package dev.tokenkeep.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tokenkeep.TokenStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A uniquely named database (MariaDB) or schema (PostgreSQL) on a test server, dropped on close.
 * An unreachable server skips the test with a message naming it and its variable, except under
 * {@code CI=true}, where it fails.
 */
final class ScratchDatabase implements AutoCloseable {
  private static final AtomicInteger TABLES = new AtomicInteger();

  /** A server the tests use, where its variable points or on loopback. */
  enum Server {
    MARIADB("MariaDB", "TOKENKEEP_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root"),
    POSTGRES("PostgreSQL", "TOKENKEEP_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    final String title;
    final String variable;
    final String adminUrl;

    Server(String title, String variable, String defaultUrl) {
      this.title = title;
      this.variable = variable;
      String env = System.getenv(variable);
      this.adminUrl = env == null || env.isEmpty() ? defaultUrl : env;
    }
  }

  /** The JDBC URL, user included, of the scratch database; a store URI as it is. */
  final String url;
  private final Server server;
  private final String drop;

  private ScratchDatabase(Server server, String url, String drop) {
    this.server = server;
    this.url = url;
    this.drop = drop;
  }

  static ScratchDatabase create(Server server) {
    String id = "tk_crypto_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    boolean mariadb = server == Server.MARIADB;
    try {
      DriverManager.setLoginTimeout(3);
      admin(server, mariadb ? "CREATE DATABASE " + id : "CREATE SCHEMA " + id);
    } catch (SQLException e) {
      String why = server.title + " is not reachable at " + TokenStores.redact(server.adminUrl) + " (" + e.getMessage()
          + "); start it (see shared/services.md) or point " + server.variable + " at one";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.assumeTrue(false, why);
    }
    String url = mariadb
        ? server.adminUrl.replaceFirst("(//[^/]+/)[^?]*", "$1" + id)
        : server.adminUrl + (server.adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + id;
    return new ScratchDatabase(server, url, mariadb ? "DROP DATABASE IF EXISTS " + id : "DROP SCHEMA IF EXISTS " + id + " CASCADE");
  }

  /** A store URI on a new table of this database. */
  String newTableUri() {
    return url + "&table=t" + TABLES.incrementAndGet();
  }

  /** The table a URI of {@link #newTableUri()} names. */
  static String tableOf(String uri) {
    return uri.substring(uri.lastIndexOf("&table=") + "&table=".length());
  }

  /** Every value of every row of {@code table} in the database at {@code jdbcUrl}, read with plain JDBC. */
  static List<String> rawValues(String jdbcUrl, String table) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          values.add(rs.getString(i));
        }
      }
    }
    return values;
  }

  private static void admin(Server server, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.adminUrl); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    admin(server, drop);
  }
}
