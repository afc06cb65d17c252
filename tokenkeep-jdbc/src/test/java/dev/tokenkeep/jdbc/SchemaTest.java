package dev.tokenkeep.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.store.Inspectable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The table the store creates: indexes, unique key, exact collation, schema version. */
class SchemaTest {
  @RegisterExtension static final Databases DATABASES = new Databases();

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void createdTable_upToDate_uniqueUserKeyEnforcedByTheDatabase(Databases.Kind kind) {
    String table = Tables.next();
    try (JdbcTokenStore store = DATABASES.open(kind, table)) {
      JdbcTokenStore.SchemaReport report = store.schemaReport();
      assertThat(report.tablePresent()).isTrue();
      assertThat(report.schemaVersion()).isEqualTo(Schema.VERSION);
      assertThat(report.missingIndexes()).isEmpty();
      assertThat(report.uniqueUserKey()).isTrue();
      assertThat(report.exactCollation()).isTrue();
      assertThat(report.upToDate()).isTrue();
      assertThat(report.toString()).contains(table).contains("exact");
      assertThat(store.inspect()).extracting(Inspectable.Finding::level).containsOnly(Inspectable.Finding.Level.OK);
      store.saveToken(OAuthToken.builder().id("1").userName("alice").clientId("c").accessToken("a").build());
      assertThatThrownBy(() -> DATABASES.execute(kind,
          "INSERT INTO " + table + " (id, user_name, client_id) VALUES ('2', 'alice', 'c')"))
          .as("the database itself keeps one token per user and client").isInstanceOf(IllegalStateException.class);
      DATABASES.execute(kind, "INSERT INTO " + table + " (id, user_name, client_id) VALUES ('3', 'Alice', 'c')");
      DATABASES.execute(kind, "INSERT INTO " + table + " (id, user_name, client_id) VALUES ('4', 'alice ', 'c')");
      assertThat(store.upgradeSchema().upToDate()).isTrue();
    }
  }

  @Test
  void mariadbTable_usesBinaryNoPadCollation() {
    Databases.require(Databases.Kind.MARIADB);
    String table = Tables.next();
    try (JdbcTokenStore store = DATABASES.open(Databases.Kind.MARIADB, table)) {
      assertThat(DATABASES.number(Databases.Kind.MARIADB, "SELECT COUNT(*) FROM information_schema.COLUMNS "
          + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "' AND COLLATION_NAME = 'utf8mb4_nopad_bin'"))
          .isEqualTo(10);
    }
  }

  @Test
  void inspect_sqliteFileReadableByOthers_problemSaysChmod() throws Exception {
    java.nio.file.Path file = DATABASES.folder().resolve(Tables.next() + ".db");
    try (JdbcTokenStore store = JdbcTokenStore.sqlite(file)) {
      assertThat(store.inspect()).filteredOn(f -> f.check().equals("permissions"))
          .extracting(Inspectable.Finding::level).containsExactly(Inspectable.Finding.Level.OK);
      java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      assertThat(store.inspect()).filteredOn(f -> f.check().equals("permissions")).singleElement()
          .satisfies(f -> assertThat(f.level()).isEqualTo(Inspectable.Finding.Level.PROBLEM))
          .satisfies(f -> assertThat(f.message()).contains("chmod 600"));
    }
  }

  @Test
  void inspect_tableDroppedMeanwhile_reportsItMissing() {
    String table = Tables.next();
    try (JdbcTokenStore store = DATABASES.open(Databases.Kind.SQLITE, table)) {
      DATABASES.execute(Databases.Kind.SQLITE, "DROP TABLE " + table);
      JdbcTokenStore.SchemaReport report = store.schemaReport();
      assertThat(report.tablePresent()).isFalse();
      assertThat(report.upToDate()).isFalse();
      assertThat(report.notes()).anyMatch(n -> n.contains("missing"));
      assertThat(store.inspect()).extracting(Inspectable.Finding::level).contains(Inspectable.Finding.Level.PROBLEM);
    }
  }
}
