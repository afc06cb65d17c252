package dev.tokenkeep.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.store.Inspectable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A table made with Zoho's DDL (ten columns, the id as primary key, nothing else; on MariaDB
 * the server's default case-insensitive collation) and filled the way Zoho's SDK fills it, with
 * ids 1 to 10 as text, so that max(id) as text is '9'. The store uses it as it is, exactly, and
 * upgrades it.
 */
class ZohoTableTest {
  @RegisterExtension static final Databases DATABASES = new Databases();
  private static final String CLIENT = "1000.ZOHOCLIENT";

  @ParameterizedTest
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "MARIADB", "POSTGRES"})
  void zohoTable_usedAsItIs_exactly_thenUpgraded(Databases.Kind kind) {
    Databases.require(kind);
    String table = "zoho_" + Tables.next();
    DATABASES.execute(kind, zohoDdl(kind, table));
    List<String> inserts = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      inserts.add("INSERT INTO " + table + " VALUES ('" + i + "', 'user" + i + "@example.com', '" + CLIENT
          + "', 'secret', '1000.refresh." + i + "', '1000.access." + i + "', NULL, '1893463200123', "
          + "'https://app.example.com/cb', 'https://www.zohoapis.eu')");
    }
    inserts.add("INSERT INTO " + table + " (id, user_name, client_id, refresh_token, expiry_time) VALUES "
        + "('k1', 'Mixed@Example.com', '" + CLIENT + "', '1000.refresh.mixed', '')");
    DATABASES.execute(kind, inserts.toArray(new String[0]));
    assertThat(DATABASES.number(kind, "SELECT COUNT(*) FROM " + table + " WHERE id = (SELECT MAX(id) FROM " + table + ")"))
        .as("the trap: as text the largest id is 9").isEqualTo(1);

    try (JdbcTokenStore store = DATABASES.open(kind, table)) {
      JdbcTokenStore.SchemaReport before = store.schemaReport();
      assertThat(before.tablePresent()).isTrue();
      assertThat(before.schemaVersion()).isZero();
      assertThat(before.missingIndexes()).containsExactly("user_name, client_id", "access_token", "refresh_token", "grant_token");
      assertThat(before.uniqueUserKey()).isFalse();
      assertThat(before.exactCollation()).isEqualTo(kind != Databases.Kind.MARIADB);
      assertThat(before.upToDate()).isFalse();
      assertThat(store.inspect()).filteredOn(f -> f.level() == Inspectable.Finding.Level.WARNING)
          .extracting(Inspectable.Finding::check).contains("schema", "indexes");

      OAuthToken five = store.findToken(OAuthToken.builder().userName("user5@example.com").build()).orElseThrow();
      assertThat(five.id()).isEqualTo("5");
      assertThat(five.accessToken().reveal()).isEqualTo("1000.access.5");
      assertThat(five.expiresAt().toEpochMilli()).isEqualTo(1893463200123L);
      assertThat(five.grantToken()).isNull();
      OAuthToken mixed = store.findTokenById("k1").orElseThrow();
      assertThat(mixed.expiresAt()).as("an empty expiry_time is absent").isNull();
      assertThat(store.getTokens()).extracting(OAuthToken::id)
          .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "k1");

      OAuthToken added = store.saveToken(token("new@example.com"));
      assertThat(added.id()).as("next after 10 by value, not after '9' by text").isEqualTo("11");
      assertThat(store.findTokenById("10").map(OAuthToken::userName)).contains("user10@example.com");
      OAuthToken updated = store.saveToken(OAuthToken.builder().userName("user3@example.com").accessToken("1000.access.3b").build());
      assertThat(updated.id()).isEqualTo("3");
      assertThat(updated.refreshToken().reveal()).isEqualTo("1000.refresh.3");

      assertExact(store);

      // Zoho's SDK, sharing the table, takes the next id itself; the store skips past it.
      DATABASES.execute(kind, "INSERT INTO " + table + " (id, user_name, access_token) VALUES ('13', 'sdk@example.com', 'a')");
      OAuthToken afterSdk = store.saveToken(token("after-sdk@example.com"));
      assertThat(afterSdk.id()).isEqualTo("14");
      assertThat(store.findTokenById("13").map(OAuthToken::userName)).contains("sdk@example.com");

      JdbcTokenStore.SchemaReport after = store.upgradeSchema();
      assertThat(after.missingIndexes()).isEmpty();
      assertThat(after.schemaVersion()).isEqualTo(Schema.VERSION);
      assertThat(after.upToDate()).isTrue();
      // (The SQLite file here was made by the test's own connection, readable by others: a finding of its own.)
      assertThat(store.inspect()).filteredOn(f -> !f.check().equals("permissions"))
          .extracting(Inspectable.Finding::level).containsOnly(Inspectable.Finding.Level.OK);
      if (kind == Databases.Kind.MARIADB) {
        assertThat(after.uniqueUserKey()).as("a unique key would take Mixed and mixed for one user").isFalse();
        assertThat(String.join(" ", after.notes())).contains("compare them exactly").contains("CAST");
      } else {
        assertThat(after.uniqueUserKey()).isTrue();
      }
      assertExact(store);
      assertThat(store.saveToken(token("late@example.com")).id()).isEqualTo("16");
      assertThat(DATABASES.number(kind, "SELECT COUNT(*) FROM " + table)).isEqualTo(15);
    }
  }

  /** Case, trailing spaces and ids compare exactly, even where the collation would not. */
  private static void assertExact(JdbcTokenStore store) {
    assertThat(store.findToken(OAuthToken.builder().userName("USER5@example.com").build())).isEmpty();
    assertThat(store.findToken(OAuthToken.builder().userName("user5@example.com ").build())).isEmpty();
    assertThat(store.findToken(OAuthToken.builder().accessToken("1000.ACCESS.5").build())).isEmpty();
    assertThat(store.findToken(OAuthToken.builder().accessToken("1000.access.5").build())).isPresent();
    assertThat(store.findTokenById("K1")).isEmpty();
    assertThat(store.deleteToken("K1")).isFalse();
    assertThat(store.findTokenById("k1")).isPresent();
    assertThat(store.findToken(OAuthToken.builder().userName("mixed@example.com").build())).isEmpty();
    OAuthToken lower = store.saveToken(token("mixed@example.com"));
    assertThat(lower.id()).isNotEqualTo("k1");
    assertThat(store.findToken(OAuthToken.builder().userName("Mixed@Example.com").build()).map(OAuthToken::id)).contains("k1");
    assertThat(store.deleteToken(lower.id())).isTrue();
  }

  private static String zohoDdl(Databases.Kind kind, String table) {
    String ddl = "CREATE TABLE " + table + " (id varchar(10) NOT NULL, user_name varchar(255), "
        + "client_id varchar(255), client_secret varchar(255), refresh_token varchar(255), "
        + "access_token varchar(255), grant_token varchar(255), expiry_time varchar(20), "
        + "redirect_url varchar(255), api_domain varchar(255), primary key (id))";
    // MariaDB's default collation, as a table made without naming one gets it.
    return kind == Databases.Kind.MARIADB ? ddl + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci" : ddl;
  }

  private static OAuthToken token(String user) {
    return OAuthToken.builder().userName(user).clientId(CLIENT).clientSecret("secret")
        .refreshToken("1000.refresh." + user).accessToken("1000.access." + user).build();
  }
}
