package dev.tokenkeep.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.InvalidTokenException;
import dev.tokenkeep.OAuthToken;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tables made by the store hold secrets of 2,048 characters (a provider's JWT access token is
 * often 800); a table made with Zoho's DDL holds 255, and a longer value is refused whole, never
 * cut. Regression: a mock-oauth2-server login failed to save on the default SQLite store.
 */
class ColumnWidthTest {
  @RegisterExtension static final Databases DATABASES = new Databases();

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void createdTable_holdsLongSecrets_andFindsThem(Databases.Kind kind) {
    try (JdbcTokenStore store = DATABASES.open(kind, Tables.next())) {
      String jwt = "eyJ" + "x".repeat(Schema.WIDE - 3);
      OAuthToken saved = store.saveToken(OAuthToken.builder().userName("jwt@example.com").clientId("c")
          .accessToken(jwt).refreshToken("r" + jwt.substring(1)).build());
      assertThat(store.findToken(OAuthToken.builder().accessToken(jwt).build())).contains(saved);
      assertThatThrownBy(() -> store.saveToken(OAuthToken.builder().userName("too-long@example.com")
          .accessToken(jwt + "x").build()))
          .isInstanceOf(InvalidTokenException.class)
          .hasMessageContaining("access_token holds at most " + Schema.WIDE)
          .hasMessageNotContaining(jwt);
      assertThat(store.getTokens()).containsExactly(saved);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "MARIADB", "POSTGRES"})
  void zohoTable_refuses256Characters_andKeepsItsRows(Databases.Kind kind) {
    Databases.require(kind);
    String table = "zoho_" + Tables.next();
    DATABASES.execute(kind, "CREATE TABLE " + table + " (id varchar(10) NOT NULL, user_name varchar(255), "
        + "client_id varchar(255), client_secret varchar(255), refresh_token varchar(255), "
        + "access_token varchar(255), grant_token varchar(255), expiry_time varchar(20), "
        + "redirect_url varchar(255), api_domain varchar(255), primary key (id))");
    try (JdbcTokenStore store = DATABASES.open(kind, table)) {
      OAuthToken fits = store.saveToken(OAuthToken.builder().userName("a@example.com").accessToken("x".repeat(255)).build());
      assertThatThrownBy(() -> store.saveToken(OAuthToken.builder().userName("a@example.com").accessToken("y".repeat(256)).build()))
          .isInstanceOf(InvalidTokenException.class)
          .hasMessageContaining("access_token holds at most 255");
      assertThat(store.getTokens()).containsExactly(fits);
    }
  }
}
