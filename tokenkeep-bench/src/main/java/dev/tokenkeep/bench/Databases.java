package dev.tokenkeep.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The database servers the benchmarks run on, and the scratch databases of one run: every
 * database is named {@code <run>_<what>} after {@code TOKENKEEP_BENCH_RUN}, created on first use
 * and dropped by {@code drop} at the end of {@code bench/run}.
 *
 * <p>Servers as for the tests (loopback MariaDB as root, PostgreSQL as postgres); point elsewhere
 * with {@code TOKENKEEP_BENCH_MARIADB_URL} / {@code TOKENKEEP_BENCH_POSTGRES_URL}, a JDBC URL in
 * which {@code {db}} stands for the database name.
 */
enum Databases {
  MARIADB("mariadb", "TOKENKEEP_BENCH_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/{db}?user=root", ""),
  POSTGRESQL("postgresql", "TOKENKEEP_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/{db}?user=postgres", "postgres");

  final String label;
  private final String template;
  private final String adminDatabase;

  Databases(String label, String env, String defaultTemplate, String adminDatabase) {
    this.label = label;
    String configured = System.getenv(env);
    this.template = configured != null ? configured : defaultTemplate;
    this.adminDatabase = adminDatabase;
  }

  static Databases of(String label) {
    for (Databases d : values()) {
      if (d.label.equals(label)) {
        return d;
      }
    }
    throw new IllegalArgumentException("bench: no database server named '" + label + "'; known: mariadb, postgresql");
  }

  /** The run's name, the prefix of every scratch database; only letters, digits and '_'. */
  static String run() {
    String run = System.getenv().getOrDefault("TOKENKEEP_BENCH_RUN", "tokenkeep_bench_adhoc");
    if (!run.matches("[a-z][a-z0-9_]{0,40}")) {
      throw new IllegalArgumentException("bench: TOKENKEEP_BENCH_RUN must be lower-case letters, digits and _: got " + run);
    }
    return run;
  }

  /** The URL of scratch database {@code <run>_<what>}, created when missing. */
  String scratch(String what) throws SQLException {
    String database = run() + "_" + what;
    try (Connection c = DriverManager.getConnection(url(adminDatabase)); Statement s = c.createStatement()) {
      if (!exists(c, database)) {
        s.execute("CREATE DATABASE " + database);
      }
    }
    return url(database);
  }

  /** The server's version string; a SQLException when it cannot be reached. */
  String version() throws SQLException {
    try (Connection c = DriverManager.getConnection(url(adminDatabase)); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT VERSION()")) {
      r.next();
      return r.getString(1);
    }
  }

  /** Drops every scratch database of this run. */
  void dropRun() throws SQLException {
    try (Connection c = DriverManager.getConnection(url(adminDatabase)); Statement s = c.createStatement()) {
      for (String database : runDatabases(c)) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  private String url(String database) {
    return template.replace("{db}", database);
  }

  private boolean exists(Connection c, String database) throws SQLException {
    return runDatabases(c).contains(database);
  }

  private List<String> runDatabases(Connection c) throws SQLException {
    String sql = this == MARIADB ? "SHOW DATABASES" : "SELECT datname FROM pg_database";
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        String name = r.getString(1).toLowerCase(Locale.ROOT);
        if (name.startsWith(run() + "_")) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /**
   * {@code check}: prints the reachable servers' labels on one line, the others' failures on
   * standard error. {@code drop}: drops the run's scratch databases on every reachable server.
   */
  public static void main(String[] args) {
    List<String> reachable = new ArrayList<>();
    for (Databases d : values()) {
      try {
        if (args.length > 0 && args[0].equals("drop")) {
          d.dropRun();
        } else {
          d.version();
        }
        reachable.add(d.label);
      } catch (SQLException e) {
        System.err.println("bench: " + d.label + " at " + d.url(d.adminDatabase).replaceAll("password=[^&]*", "password=***")
            + " unreachable: " + e.getMessage() + "; start it or set " + (d == MARIADB ? "TOKENKEEP_BENCH_MARIADB_URL" : "TOKENKEEP_BENCH_POSTGRES_URL"));
      }
    }
    System.out.println(String.join(" ", reachable));
  }
}
