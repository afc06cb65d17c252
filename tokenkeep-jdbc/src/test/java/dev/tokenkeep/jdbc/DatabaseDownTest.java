package dev.tokenkeep.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStoreException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database that goes away: the store's error names host and port and never the password, and
 * the same store works again once the database is back. The database "goes away" behind a TCP
 * proxy the test cuts, so the shared servers keep running.
 */
class DatabaseDownTest {
  @RegisterExtension static final Databases DATABASES = new Databases();
  private static final String PASSWORD = "pw-" + UUID.randomUUID();

  @ParameterizedTest
  @EnumSource(value = Databases.Kind.class, names = {"MARIADB", "POSTGRES"})
  void databaseDown_errorNamesHostAndPort_storeWorksAgainWhenBack(Databases.Kind kind) throws Exception {
    Databases.require(kind);
    boolean mariadb = kind == Databases.Kind.MARIADB;
    String scratch = DATABASES.url(kind);
    String user = mariadb ? "tk_" + UUID.randomUUID().toString().substring(0, 8) : "postgres";
    if (mariadb) {
      String database = scratch.replaceFirst(".*//[^/]+/([^?]*).*", "$1");
      Servers.MARIADB.admin("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
      Servers.MARIADB.admin("GRANT ALL ON " + database + ".* TO '" + user + "'@'%'");
    }
    try (TcpProxy proxy = new TcpProxy(mariadb ? 3306 : 5432)) {
      String url = scratch.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/")
          .replaceFirst("user=[^&]*&?", "").replaceFirst("\\?$", "");
      try (JdbcTokenStore store = JdbcTokenStore.builder().url(url).user(user).password(PASSWORD)
          .table(Tables.next()).connectionTimeout(Duration.ofSeconds(1)).build()) {
        OAuthToken saved = store.saveToken(token());
        OAuthToken query = OAuthToken.builder().userName("alice@example.com").build();

        proxy.cut();
        for (Runnable call : new Runnable[] {() -> store.findToken(query), () -> store.saveToken(token()),
            store::getTokens}) {
          TokenStoreException e = catchThrowableOfType(call::run, TokenStoreException.class);
          assertThat(e).isNotNull();
          assertThat(e.getMessage()).contains("127.0.0.1:" + proxy.port()).contains("cannot reach")
              .doesNotContain(PASSWORD);
          assertThat(stackTrace(e)).doesNotContain(PASSWORD);
        }

        proxy.restore();
        // The pool reconnects on its own schedule (it backs off up to 5 s while the database is
        // down); each failing call waits the 1 s connection timeout, so this loop is bounded.
        java.util.Optional<OAuthToken> found = java.util.Optional.empty();
        for (int attempt = 0; attempt < 15 && found.isEmpty(); attempt++) {
          try {
            found = store.findToken(query);
          } catch (TokenStoreException e) {
            assertThat(e.getMessage()).doesNotContain(PASSWORD);
          }
        }
        assertThat(found).contains(saved);
        assertThat(store.saveToken(token().withAccessToken(dev.tokenkeep.Secret.of("after"), null)).accessToken().reveal())
            .isEqualTo("after");
      }
    } finally {
      if (mariadb) {
        Servers.MARIADB.admin("DROP USER IF EXISTS '" + user + "'@'%'");
      }
    }
  }

  @Test
  void open_nothingListening_errorNamesHostAndPortNotPassword() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/test";
    TokenStoreException e = catchThrowableOfType(
        () -> JdbcTokenStore.builder().url(url).user("app").password(PASSWORD)
            .connectionTimeout(Duration.ofMillis(500)).build(),
        TokenStoreException.class);
    assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("cannot reach PostgreSQL")
        .doesNotContain(PASSWORD);
    assertThat(stackTrace(e)).doesNotContain(PASSWORD);
    assertThat(e.operation()).isEqualTo("open");
  }

  @Test
  void open_passwordInUrl_neverShown() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "jdbc:mariadb://127.0.0.1:" + port + "/test?user=app&password=" + PASSWORD;
    assertThatThrownBy(() -> JdbcTokenStore.builder().url(url).connectionTimeout(Duration.ofMillis(500)).build())
        .isInstanceOf(TokenStoreException.class)
        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(PASSWORD))
        .hasMessageContaining("127.0.0.1:" + port);
  }

  private static OAuthToken token() {
    return OAuthToken.builder().userName("alice@example.com").clientId("1000.DOWN").refreshToken("1000.refresh")
        .accessToken("1000.access").build();
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
