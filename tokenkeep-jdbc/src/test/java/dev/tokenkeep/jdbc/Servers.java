package dev.tokenkeep.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tokenkeep.TokenStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The database servers the tests use (DESIGN §7): MariaDB and PostgreSQL on loopback, or where
 * {@code TOKENKEEP_TEST_MARIADB_URL} and {@code TOKENKEEP_TEST_POSTGRES_URL} point. A test on an
 * unreachable server is skipped with a message saying so, except under {@code CI=true}, where
 * it fails.
 */
final class Servers {
  static final Server MARIADB = new Server("MariaDB", "TOKENKEEP_TEST_MARIADB_URL",
      "jdbc:mariadb://127.0.0.1:3306/test?user=root");
  static final Server POSTGRES = new Server("PostgreSQL", "TOKENKEEP_TEST_POSTGRES_URL",
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  private Servers() {}

  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** One server: whether it answers, and scratch databases on it. */
  static final class Server {
    final String name;
    final String envVar;
    final String adminUrl;
    private String unreachable;
    private boolean probed;

    Server(String name, String envVar, String defaultUrl) {
      this.name = name;
      this.envVar = envVar;
      String env = System.getenv(envVar);
      this.adminUrl = env == null || env.isEmpty() ? defaultUrl : env;
    }

    /** Why the server cannot be used, or null when it answers. */
    synchronized String unreachable() {
      if (!probed) {
        probed = true;
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
          s.execute("SELECT 1");
        } catch (SQLException e) {
          unreachable = name + " is not reachable at " + TokenStores.redact(adminUrl) + " (" + e.getMessage()
              + "); start it (see shared/services.md) or point " + envVar + " at one";
        }
      }
      return unreachable;
    }

    /** Skips the calling test when the server is unreachable, or fails it under CI=true. */
    void require() {
      String why = unreachable();
      if (why != null) {
        if (inCi()) {
          fail(why);
        }
        Assumptions.assumeTrue(false, why);
      }
    }

    /** A new, uniquely named database (MariaDB) or schema (PostgreSQL) to drop afterwards. */
    Scratch scratch() {
      require();
      String id = "tk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      boolean mariadb = adminUrl.startsWith("jdbc:mariadb:") || adminUrl.startsWith("jdbc:mysql:");
      admin(mariadb ? "CREATE DATABASE " + id : "CREATE SCHEMA " + id);
      String url = mariadb
          ? adminUrl.replaceFirst("(//[^/]+/)[^?]*", "$1" + id)
          : adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + id;
      return new Scratch(this, url, mariadb ? "DROP DATABASE IF EXISTS " + id : "DROP SCHEMA IF EXISTS " + id + " CASCADE");
    }

    void admin(String sql) {
      try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(name + ": " + sql + ": " + e.getMessage(), e);
      }
    }
  }

  /** A database or schema of one test class. */
  static final class Scratch implements AutoCloseable {
    final Server server;
    /** The JDBC URL, user included, of the scratch database. */
    final String url;
    private final String drop;
    private com.zaxxer.hikari.HikariDataSource pool;

    Scratch(Server server, String url, String drop) {
      this.server = server;
      this.url = url;
      this.drop = drop;
    }

    /** Runs {@code sql} in the scratch database. */
    void execute(String... sql) {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        for (String one : sql) {
          s.execute(one);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(server.name + ": " + e.getMessage(), e);
      }
    }

    /** An application's pool on the scratch database, closed with it. */
    synchronized javax.sql.DataSource pool() {
      if (pool == null) {
        pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(8);
        pool.setMinimumIdle(1);
      }
      return pool;
    }

    @Override
    public synchronized void close() {
      if (pool != null) {
        pool.close();
      }
      server.admin(drop);
    }
  }
}
