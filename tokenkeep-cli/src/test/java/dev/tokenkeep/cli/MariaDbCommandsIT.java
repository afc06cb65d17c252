package dev.tokenkeep.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The commands on MariaDB (127.0.0.1:3306, or {@code TOKENKEEP_TEST_MARIADB_URL}), in a scratch
 * database dropped afterwards. Skipped when the server is unreachable, except under CI=true.
 */
class MariaDbCommandsIT extends CommandsContract {
  private static final String ADMIN = System.getenv().getOrDefault("TOKENKEEP_TEST_MARIADB_URL",
      "jdbc:mariadb://127.0.0.1:3306/test?user=root");
  private String database;

  @Override
  String storeUri() throws SQLException {
    database = "tk_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try {
      admin("CREATE DATABASE " + database);
    } catch (SQLException e) {
      String why = "MariaDB is not reachable at " + ADMIN + " (" + e.getMessage()
          + "); start it (shared/services.md) or set TOKENKEEP_TEST_MARIADB_URL";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.assumeTrue(false, why);
    }
    return ADMIN.replaceFirst("(//[^/]+/)[^?]*", "$1" + database);
  }

  @Override
  void dropStore() throws SQLException {
    if (database != null) {
      admin("DROP DATABASE IF EXISTS " + database);
    }
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
