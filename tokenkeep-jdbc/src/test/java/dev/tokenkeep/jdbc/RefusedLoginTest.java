package dev.tokenkeep.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.TokenStoreException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server that answers but refuses the login is named as such, with its reason, not "unreachable". */
class RefusedLoginTest {
  @RegisterExtension static final Databases DATABASES = new Databases();

  @Test
  void open_unknownDatabase_saysTheServerRefusedAndWhy() {
    Databases.require(Databases.Kind.MARIADB);
    Databases.require(Databases.Kind.POSTGRES);
    assertRefused("jdbc:mariadb://127.0.0.1:3306/tk_no_such_db?user=root", "Unknown database");
    assertRefused("jdbc:postgresql://127.0.0.1:5432/tk_no_such_db?user=postgres", "does not exist");
  }

  @Test
  void open_wrongPassword_saysTheServerRefused_withoutThePassword() {
    Databases.require(Databases.Kind.MARIADB);
    assertThatThrownBy(() -> JdbcTokenStore.builder().url("jdbc:mariadb://127.0.0.1:3306/test").user("tk_nobody")
            .password("not-the-password-4711").connectionTimeout(Duration.ofSeconds(1)).build())
        .isInstanceOf(TokenStoreException.class)
        .hasMessageContaining("refused the connection")
        .hasMessageContaining("check the database name, user and password")
        .hasMessageNotContaining("not-the-password-4711");
  }

  private static void assertRefused(String url, String reason) {
    assertThatThrownBy(() -> JdbcTokenStore.builder().url(url).connectionTimeout(Duration.ofSeconds(1)).build())
        .isInstanceOf(TokenStoreException.class)
        .hasMessageContaining("refused the connection")
        .hasMessageContaining(reason);
  }
}
