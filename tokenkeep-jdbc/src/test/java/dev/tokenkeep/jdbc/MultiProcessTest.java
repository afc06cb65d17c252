package dev.tokenkeep.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.store.RefreshLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two JVMs on one table: concurrent upserts leave one row per user with unique ids; the refresh
 * lock has one holder at a time across both; a holder killed with SIGKILL frees it within its
 * lease (at once on the servers, whose sessions end with the connection); an SQLite writer killed
 * mid-stream loses no save that returned and leaves the file intact.
 */
class MultiProcessTest {
  @RegisterExtension static final Databases DATABASES = new Databases();
  private static final int USERS = 20;

  private static String uri(Databases.Kind kind, String table) {
    Databases.require(kind);
    if (kind == Databases.Kind.SQLITE) {
      return "sqlite:" + DATABASES.folder().resolve(table + ".db");
    }
    return DATABASES.url(kind) + "&table=" + table;
  }

  @ParameterizedTest
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "MARIADB", "POSTGRES"})
  void saveToken_2Jvms8ThreadsSameUsers_oneRowPerUserIdsUnique(Databases.Kind kind) throws Exception {
    String uri = uri(kind, Tables.next());
    try (TokenStore store = TokenStores.open(uri);
        ChildJvm a = ChildJvm.start(DATABASES.folder(), "upsert", uri, "8", Integer.toString(USERS), "4");
        ChildJvm b = ChildJvm.start(DATABASES.folder(), "upsert", uri, "8", Integer.toString(USERS), "4")) {
      assertThat(a.waitFor(120)).as(a.output()).isZero();
      assertThat(b.waitFor(120)).as(b.output()).isZero();
      List<OAuthToken> tokens = store.getTokens();
      assertThat(tokens).hasSize(USERS);
      assertThat(tokens.stream().map(OAuthToken::userName).collect(Collectors.toSet())).hasSize(USERS);
      assertThat(tokens.stream().map(OAuthToken::id).collect(Collectors.toSet())).hasSize(USERS);
      for (OAuthToken t : tokens) {
        assertThat(t.withId(null)).as("each row is one whole written version")
            .isEqualTo(Child.version(t.userName(), t.accessToken().reveal().substring("1000.access.".length())));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "MARIADB", "POSTGRES"})
  void refreshLock_2Jvms4Threads_neverTwoHolders(Databases.Kind kind) throws Exception {
    String table = Tables.next();
    String uri = uri(kind, table);
    Path marker = DATABASES.folder().resolve("holder-" + table);
    try (TokenStore store = TokenStores.open(uri)) {
      store.saveToken(OAuthToken.builder().userName(Child.COUNTER_USER).accessToken("0").build());
      try (ChildJvm a = ChildJvm.start(DATABASES.folder(), "lock", uri, "4", "10", marker.toString());
          ChildJvm b = ChildJvm.start(DATABASES.folder(), "lock", uri, "4", "10", marker.toString())) {
        assertThat(a.waitFor(120)).as("exit 2 means two holders at once; output: %s", a.output()).isZero();
        assertThat(b.waitFor(120)).as("exit 2 means two holders at once; output: %s", b.output()).isZero();
      }
      OAuthToken counter = store.findToken(OAuthToken.builder().userName(Child.COUNTER_USER).build()).orElseThrow();
      assertThat(counter.accessToken().reveal()).as("no increment lost").isEqualTo("80");
    }
  }

  @Test
  void sqlite_writerKilledMidStream_everyReturnedSaveKept_fileIntact() throws Exception {
    String uri = uri(Databases.Kind.SQLITE, Tables.next());
    Map<String, Integer> lastReturned = new HashMap<>();
    try (TokenStore store = TokenStores.open(uri)) {
      try (ChildJvm writer = ChildJvm.start(DATABASES.folder(), "crash", uri, "5")) {
        writer.awaitLines("SAVED ", 200, 60);
        writer.kill();
        String output = writer.output();
        // A line the kill cut short is not counted: only lines ending in a newline are whole.
        for (String line : output.substring(0, output.lastIndexOf('\n') + 1).split("\n")) {
          String[] parts = line.split(" ");
          if (parts.length == 3 && parts[0].equals("SAVED")) {
            lastReturned.put(parts[1], Integer.parseInt(parts[2]));
          }
        }
      }
      assertThat(lastReturned).hasSize(5);
      for (Map.Entry<String, Integer> user : lastReturned.entrySet()) {
        OAuthToken stored = store.findToken(OAuthToken.builder().userName(user.getKey()).build()).orElseThrow();
        int round = Integer.parseInt(stored.accessToken().reveal().substring("1000.access.".length()));
        // The kill may land after a commit and before its line is printed: one round later is fine.
        assertThat(round).as(user.getKey()).isBetween(user.getValue(), user.getValue() + 1);
      }
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:" + uri);
        java.sql.ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "MARIADB", "POSTGRES"})
  void refreshLock_holderKilled_otherTakesItWithinTheLease(Databases.Kind kind) throws Exception {
    String uri = uri(kind, Tables.next());
    // The servers free a dead session's lock at once: a lease far longer than the wait below
    // shows it is the connection loss that frees it there. A lease row frees when its lease ends.
    Duration lease = kind == Databases.Kind.SQLITE ? Duration.ofSeconds(3) : Duration.ofMinutes(2);
    try (JdbcTokenStore store = (JdbcTokenStore) TokenStores.open(uri);
        ChildJvm holder = ChildJvm.start(DATABASES.folder(), "hold", uri, Long.toString(lease.toMillis()))) {
      holder.awaitLine("HELD", 60);
      assertThat(store.tryAcquire(Child.LOCK_KEY, Duration.ZERO, lease)).as("the child holds it").isEmpty();
      holder.kill();
      Duration wait = (lease.compareTo(Duration.ofSeconds(3)) < 0 ? lease : Duration.ofSeconds(3)).plusSeconds(2);
      Optional<RefreshLock.Lease> taken = store.tryAcquire(Child.LOCK_KEY, wait, lease);
      assertThat(taken).as("taken within %s of the kill", wait).isPresent();
      taken.get().close();
    }
  }
}
