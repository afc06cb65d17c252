package dev.tokenkeep.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Opening stores: by URI through TokenStores, by Zoho's MySQL parameters, from a DataSource. */
class JdbcStoreProviderTest {
  @RegisterExtension static final Databases DATABASES = new Databases();
  @TempDir Path dir;

  @Test
  void providers_knowSqliteAndJdbc() {
    assertThat(TokenStores.providers()).containsKeys("sqlite", "jdbc");
    assertThat(TokenStores.providers().get("jdbc")).isInstanceOf(JdbcStoreProvider.class);
  }

  @Test
  void open_sqliteFile_createsFileOwnerOnlyInWalMode() throws Exception {
    Path file = dir.resolve("sub/folder/tokens.db");
    try (TokenStore store = TokenStores.open("sqlite:" + file)) {
      store.saveToken(token("alice@example.com"));
      assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
      assertThat(Files.getPosixFilePermissions(Path.of(file + "-wal"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(store.toString()).isEqualTo("sqlite:" + file);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
    try (TokenStore again = TokenStores.open("sqlite:" + file)) {
      assertThat(again.findToken(OAuthToken.builder().userName("alice@example.com").build())).isPresent();
    }
  }

  @Test
  void sqlitePool_connectionsRunWalFullSyncAndBusyTimeout() throws Exception {
    try (com.zaxxer.hikari.HikariDataSource pool = Pools.open("jdbc:sqlite:" + dir.resolve("p.db"), Dialect.SQLITE,
            null, null, java.time.Duration.ofSeconds(5), 2);
        Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      assertThat(pragma(s, "journal_mode")).isEqualToIgnoringCase("wal");
      assertThat(pragma(s, "synchronous")).as("FULL").isEqualTo("2");
      assertThat(pragma(s, "busy_timeout")).isEqualTo(Integer.toString(Pools.SQLITE_BUSY_TIMEOUT_MILLIS));
    }
  }

  private static String pragma(Statement s, String name) throws Exception {
    try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void open_tableParameter_usesThatTable() throws Exception {
    Path file = dir.resolve("t.db");
    try (JdbcTokenStore store = (JdbcTokenStore) TokenStores.open("sqlite:" + file + "?table=app_tokens")) {
      store.saveToken(token("alice@example.com"));
      assertThat(store.schemaReport().table()).isEqualTo("app_tokens");
      assertThat(store.toString()).contains("table=app_tokens");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM app_tokens")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void open_badTableName_refusedNamingIt() {
    assertThatThrownBy(() -> TokenStores.open("sqlite::memory:?table=x;drop"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x;drop'");
    assertThatThrownBy(() -> JdbcTokenStore.builder().table("tokenkeep_meta"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void open_memoryAndH2() {
    try (TokenStore sqlite = TokenStores.open("sqlite::memory:");
        TokenStore h2 = TokenStores.open("jdbc:h2:mem:" + Tables.next())) {
      for (TokenStore store : new TokenStore[] {sqlite, h2}) {
        OAuthToken saved = store.saveToken(token("alice@example.com"));
        assertThat(store.findTokenById(saved.id())).contains(saved);
      }
    }
  }

  @Test
  void open_unknownDatabase_refusedListingKnownOnes() {
    assertThatThrownBy(() -> TokenStores.open("jdbc:oracle:thin:@//db:1521/x?password=hunter2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> TokenStores.open("sqlite:")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void open_passwordEnvNotSet_refusedNamingTheVariable() {
    assertThatThrownBy(() -> TokenStores.open("jdbc:h2:mem:x?passwordEnv=TOKENKEEP_TEST_SURELY_UNSET"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TOKENKEEP_TEST_SURELY_UNSET");
  }

  @Test
  void open_postgresWithPasswordInUrl_nameHidesIt() {
    Databases.require(Databases.Kind.POSTGRES);
    String url = DATABASES.url(Databases.Kind.POSTGRES) + "&password=hunter2-secret&table=" + Tables.next();
    try (TokenStore store = TokenStores.open(url)) {
      store.saveToken(token("alice@example.com"));
      assertThat(store.toString()).doesNotContain("hunter2-secret").contains("password=***");
    }
  }

  @Test
  void mysql_zohoParameters_openMariaDb() {
    Databases.require(Databases.Kind.MARIADB);
    String url = DATABASES.url(Databases.Kind.MARIADB);
    String database = url.replaceFirst(".*//[^/]+/([^?]*).*", "$1");
    String hostAndPort = url.replaceFirst(".*//([^/]+)/.*", "$1");
    String host = hostAndPort.contains(":") ? hostAndPort.substring(0, hostAndPort.indexOf(':')) : hostAndPort;
    int port = hostAndPort.contains(":") ? Integer.parseInt(hostAndPort.substring(hostAndPort.indexOf(':') + 1)) : 3306;
    try (JdbcTokenStore store = JdbcTokenStore.mysql(host, database, "zoho_params", "root", "", port)) {
      OAuthToken saved = store.saveToken(token("alice@example.com"));
      assertThat(store.findTokenById(saved.id())).contains(saved);
      assertThat(store.schemaReport().upToDate()).isTrue();
    }
    assertThatThrownBy(() -> JdbcTokenStore.mysql("h/x", "db", "t", "u", "p", 3306)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcTokenStore.mysql("h", "db", "t", "u", "p", 0)).hasMessageContaining("got 0");
  }

  @Test
  void open_fromDataSource_dialectFromMetadata_dataSourceLeftOpen() throws Exception {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("ds.db"));
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + Tables.next() + ";DB_CLOSE_DELAY=-1");
    for (javax.sql.DataSource ds : new javax.sql.DataSource[] {sqlite, h2}) {
      try (JdbcTokenStore store = JdbcTokenStore.open(ds)) {
        store.saveToken(token("alice@example.com"));
      }
      try (JdbcTokenStore store = JdbcTokenStore.open(ds)) {
        assertThat(store.getTokens()).hasSize(1);
      }
    }
  }

  @Test
  void builder_conflictsAndBadArguments_refused() {
    assertThatThrownBy(() -> JdbcTokenStore.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JdbcTokenStore.builder().url("jdbc:h2:mem:x").dataSource(new JdbcDataSource()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> JdbcTokenStore.builder().connectionTimeout(java.time.Duration.ofMillis(10)))
        .hasMessageContaining("PT0.01S");
    assertThatThrownBy(() -> JdbcTokenStore.builder().maxPoolSize(0)).hasMessageContaining("got 0");
  }

  private static OAuthToken token(String user) {
    return OAuthToken.builder().userName(user).clientId("1000.PROVIDER").refreshToken("1000.refresh." + user)
        .accessToken("1000.access." + user).build();
  }
}
