package dev.tokenkeep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenStoresTest {
  @Test
  void open_coreSchemes_giveNewEmptyStores() {
    try (TokenStore a = TokenStores.open("memory:"); TokenStore b = TokenStores.open("memory:")) {
      a.saveToken(OAuthToken.builder().userName("alice").accessToken("x").build());
      assertThat(b.getTokens()).isEmpty();
    }
    assertThat(TokenStores.open("list:").getTokens()).isEmpty();
  }

  @Test
  void open_unknownScheme_namesKnownSchemesAndModules() {
    assertThatThrownBy(() -> TokenStores.open("sqlit:/tmp/t.db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sqlit'")
        .hasMessageContaining("list, memory")
        .hasMessageContaining("tokenkeep-jdbc");
  }

  @Test
  void open_withoutScheme_saysHowToWriteOne() {
    assertThatThrownBy(() -> TokenStores.open("/tmp/tokens.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scheme:location");
  }

  @Test
  void open_unknownScheme_neverEchoesAPassword() {
    assertThatThrownBy(() -> TokenStores.open("mysqll://u:hunter2@db/x?password=hunter2"))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void providers_listCoreSchemes() {
    assertThat(TokenStores.providers()).containsKeys("memory", "list");
  }

  @Test
  void redact_removesPasswordsFromUris() {
    assertThat(TokenStores.redact("jdbc:mysql://db:3306/app?user=app&password=hunter2&ssl=true"))
        .isEqualTo("jdbc:mysql://db:3306/app?user=app&password=***&ssl=true");
    assertThat(TokenStores.redact("jdbc:postgresql://app:hunter2@db/app")).isEqualTo("jdbc:postgresql://app:***@db/app");
    assertThat(TokenStores.redact("jdbc:sqlserver://db;user=a;Password=hunter2;x=1")).doesNotContain("hunter2");
    assertThat(TokenStores.redact("file:/srv/tokens.csv")).isEqualTo("file:/srv/tokens.csv");
  }
}
