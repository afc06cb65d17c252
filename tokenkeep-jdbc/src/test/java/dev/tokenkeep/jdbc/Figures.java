package dev.tokenkeep.jdbc;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.store.StoreRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints the median time of {@code findToken} by user and of {@code saveToken} updating a
 * stored token, on SQLite, MariaDB and PostgreSQL holding {@code args[0]} tokens (default
 * 100,000). Run by {@code scripts/figures-jdbc}; a server that is not reachable is reported
 * and skipped. Single thread, one store per database, the table filled by one batch insert.
 */
public final class Figures {
  private static final String CLIENT = "1000.FIGURESCLIENTAAAAAAAAAAAAAAAA";

  private Figures() {}

  public static void main(String[] args) throws Exception {
    int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    System.out.printf(Locale.ROOT, "%d tokens per store; single thread; %s, %d cores, Java %s%n", tokens,
        System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    System.out.printf(Locale.ROOT, "%-12s %22s %22s%n", "store", "findToken by user p50", "saveToken update p50");
    Path dir = Files.createTempDirectory("tokenkeep-figures");
    try {
      measure("SQLite", "jdbc:sqlite:" + dir.resolve("figures.db"), tokens);
    } finally {
      for (String suffix : List.of("", "-wal", "-shm")) {
        Files.deleteIfExists(dir.resolve("figures.db" + suffix));
      }
      Files.deleteIfExists(dir);
    }
    for (Servers.Server server : List.of(Servers.MARIADB, Servers.POSTGRES)) {
      if (server.unreachable() != null) {
        System.out.printf(Locale.ROOT, "%-12s skipped: %s%n", server.name, server.unreachable());
        continue;
      }
      try (Servers.Scratch scratch = server.scratch()) {
        measure(server.name, scratch.url, tokens);
      }
    }
  }

  private static void measure(String name, String url, int tokens) throws Exception {
    String table = "figures";
    try (JdbcTokenStore store = JdbcTokenStore.builder().url(url).table(table).build()) {
      fill(url, table, tokens);
      SplittableRandom random = new SplittableRandom(42);
      int finds = 5_000;
      int saves = 2_000;
      for (int i = 0; i < 2_000; i++) { // warm up the JIT, the pool and the database's caches
        find(store, random.nextInt(tokens) + 1);
        save(store, random.nextInt(tokens) + 1, i);
      }
      long[] findNanos = new long[finds];
      for (int i = 0; i < finds; i++) {
        int n = random.nextInt(tokens) + 1;
        long start = System.nanoTime();
        find(store, n);
        findNanos[i] = System.nanoTime() - start;
      }
      long[] saveNanos = new long[saves];
      for (int i = 0; i < saves; i++) {
        int n = random.nextInt(tokens) + 1;
        long start = System.nanoTime();
        save(store, n, i);
        saveNanos[i] = System.nanoTime() - start;
      }
      if (store.getTokens().size() != tokens) {
        throw new IllegalStateException(name + ": expected " + tokens + " tokens after the run");
      }
      System.out.printf(Locale.ROOT, "%-12s %19.3f ms %19.3f ms%n", name, p50(findNanos), p50(saveNanos));
    }
  }

  private static void find(JdbcTokenStore store, int n) {
    OAuthToken found = store.findToken(OAuthToken.builder().userName(user(n)).build()).orElseThrow();
    if (!found.id().equals(Integer.toString(n))) {
      throw new IllegalStateException("found " + found.id() + " for user " + n);
    }
  }

  private static void save(JdbcTokenStore store, int n, int round) {
    OAuthToken saved = store.saveToken(OAuthToken.builder().userName(user(n)).clientId(CLIENT)
        .accessToken("1000.access." + n + "." + round).expiresAt(Instant.ofEpochMilli(1_900_000_000_000L + round)).build());
    if (!saved.id().equals(Integer.toString(n))) {
      throw new IllegalStateException("updated " + saved.id() + " for user " + n);
    }
  }

  private static String user(int n) {
    return "user" + n + "@example.com";
  }

  /** Fills the store's table with one batch insert, as a migration would, and records the ids. */
  private static void fill(String url, String table, int tokens) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " ("
          + String.join(", ", OAuthToken.COLUMNS) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int n = 1; n <= tokens; n++) {
          List<String> row = StoreRules.toRow(OAuthToken.builder().id(Integer.toString(n)).userName(user(n))
              .clientId(CLIENT).clientSecret("secret-" + n).refreshToken("1000.refresh." + n + ".aaaaaaaaaaaaaaaa")
              .accessToken("1000.access." + n + ".bbbbbbbbbbbbbbbbbbbbbbbb").expiresAt(Instant.ofEpochMilli(1_900_000_000_000L))
              .redirectUrl("https://app.example.com/oauth/callback").apiDomain("https://www.zohoapis.eu").build());
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
        ps.setString(2, table);
        ps.executeUpdate();
      }
      c.commit();
      try (java.sql.Statement s = c.createStatement()) {
        s.execute(url.startsWith("jdbc:mariadb") ? "ANALYZE TABLE " + table : "ANALYZE " + table);
      }
      c.commit();
    }
  }

  private static double p50(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }
}
