package dev.tokenkeep.bench;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.store.StoreRules;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Where each store of a given size lives, and filling it in bulk, as a migration would: one
 * batch insert, or one file written. Filling through {@code saveToken} would take the file store
 * minutes at 10,000 tokens (each save rewrites the file), and is not what is measured.
 */
final class Stores {
  /** The table JdbcTokenStore creates by default. */
  private static final String TABLE = "oauthtoken";

  private Stores() {}

  /** The JDBC URL of the database for {@code kind} at {@code tokens}; each size has its own. */
  static String jdbcUrl(String kind, int tokens) throws SQLException {
    switch (kind) {
      case "sqlite":
        return "jdbc:sqlite:" + Fixture.dir().resolve("sqlite_" + tokens + ".db").toAbsolutePath();
      case "h2":
        return "jdbc:h2:file:" + Fixture.dir().resolve("h2_" + tokens).toAbsolutePath();
      default:
        return Databases.of(kind).scratch("n" + tokens);
    }
  }

  /**
   * The token file of {@code tokens} tokens, written (owner-only, in the store's 10-column
   * format) unless a file of that many lines is already there.
   */
  static Path csvFile(int tokens) throws IOException {
    Path file = Fixture.dir().resolve("file_" + tokens + ".csv");
    if (Files.exists(file)) {
      try (var lines = Files.lines(file)) {
        if (lines.count() == tokens + 1L) {
          return file;
        }
      }
    }
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", OAuthToken.COLUMNS) + "\n");
      for (int n = 1; n <= tokens; n++) {
        // Fixture values hold no comma, quote or line break, so no field needs quoting.
        w.write(String.join(",", StoreRules.toRow(Fixture.token(n))) + "\n");
      }
    }
    return file;
  }

  /**
   * Fills the table of {@code store} at {@code url} with tokens 1..{@code tokens} unless it holds
   * exactly that many, and records the largest id as the store would have.
   */
  static void fillTokenTable(String url, TokenStore store, int tokens) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      if (count(c, TABLE) == tokens) {
        return;
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM " + TABLE);
      }
      String marks = "?, ".repeat(OAuthToken.COLUMNS.size() - 1) + "?";
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + TABLE + " (" + String.join(", ", OAuthToken.COLUMNS) + ") VALUES (" + marks + ")")) {
        for (int n = 1; n <= tokens; n++) {
          List<String> row = StoreRules.toRow(Fixture.token(n));
          for (int i = 0; i < row.size(); i++) {
            ps.setString(i + 1, row.get(i));
          }
          ps.addBatch();
          if (n % 5_000 == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE tokenkeep_meta SET item_value = ? WHERE table_name = ? AND item = 'largest_id'")) {
        ps.setString(1, Integer.toString(tokens));
        ps.setString(2, TABLE);
        ps.executeUpdate();
      }
      c.commit();
      analyze(c, url, TABLE);
    }
    if (store.findTokenById(Integer.toString(tokens)).isEmpty()) {
      throw new IllegalStateException("bench: " + url + " does not show the tokens just filled");
    }
  }

  static int count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getInt(1);
    }
  }

  /** Refreshes the planner's statistics after a bulk load, as an operator would. */
  static void analyze(Connection c, String url, String table) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:h2:")) {
        s.execute("ANALYZE TABLE " + table);
      } else {
        s.execute("ANALYZE " + table);
      }
    }
  }
}
