package dev.tokenkeep.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Values that break stores building SQL from strings (Zoho's own does): stored and found exactly,
 * on the default table name so that an injected DROP TABLE would hit it, and the table intact.
 */
class HostileValuesTest {
  @RegisterExtension static final Databases DATABASES = new Databases();
  private static final String CLIENT = "1000.HOSTILECLIENT";

  static final List<String> HOSTILE = List.of(
      "o'brien@example.com",
      "x' OR '1'='1",
      "'; DROP TABLE oauthtoken; --",
      "\"; DROP TABLE oauthtoken; --",
      "back\\slash\\",
      "\\'; DROP TABLE oauthtoken; -- \\",
      "%",
      "_",
      "a_c",
      "abc",
      "100%@example.com",
      "renée.müller@例え.jp",
      "😀 emoji user",
      "é".repeat(255),
      "'" + "x".repeat(253) + "'");

  @ParameterizedTest
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "MARIADB", "POSTGRES"})
  void hostileValues_storedAndFoundExactly_tableIntact(Databases.Kind kind) {
    try (JdbcTokenStore store = DATABASES.open(kind, "oauthtoken")) {
      List<OAuthToken> saved = new ArrayList<>();
      for (String value : HOSTILE) {
        saved.add(store.saveToken(token(value)));
      }
      for (int i = 0; i < HOSTILE.size(); i++) {
        String value = HOSTILE.get(i);
        OAuthToken expected = saved.get(i);
        assertThat(expected.withId(null)).isEqualTo(token(value));
        assertThat(store.findToken(OAuthToken.builder().userName(value).build())).as(value).contains(expected);
        assertThat(store.findToken(OAuthToken.builder().userName(value).clientId(CLIENT).build())).contains(expected);
        assertThat(store.findToken(OAuthToken.builder().accessToken(value).build())).as(value).contains(expected);
        assertThat(store.findToken(OAuthToken.builder().clientId(CLIENT).clientSecret("s")
            .refreshToken(refresh(value)).build())).contains(expected);
        assertThat(store.findToken(OAuthToken.builder().clientId(CLIENT).clientSecret("s")
            .grantToken(grant(value)).build())).contains(expected);
        assertThat(store.findTokenById(expected.id())).contains(expected);
        assertThat(store.findToken(OAuthToken.builder().userName(value + " ").build())).isEmpty();
        if (!value.toUpperCase().equals(value)) {
          assertThat(store.findToken(OAuthToken.builder().userName(value.toUpperCase()).build())).isEmpty();
        }
      }
      assertThat(store.findToken(OAuthToken.builder().userName("x").build())).isEmpty();
      assertThat(store.getTokens()).hasSize(HOSTILE.size()).containsExactlyInAnyOrderElementsOf(saved);
      assertThat(store.schemaReport().tablePresent()).isTrue();
      assertThat(DATABASES.number(kind, "SELECT COUNT(*) FROM oauthtoken")).isEqualTo(HOSTILE.size());
    }
  }

  private static OAuthToken token(String value) {
    return OAuthToken.builder()
        .userName(value)
        .clientId(CLIENT)
        .clientSecret(value)
        .refreshToken(refresh(value))
        .accessToken(value)
        .grantToken(grant(value))
        .expiresAt(java.time.Instant.ofEpochMilli(1_893_463_200_123L))
        .redirectUrl(value)
        .apiDomain(value)
        .build();
  }

  // Refresh and grant tokens differ from the access token, so each lookup is tested on its own.
  private static Secret refresh(String value) {
    return Secret.of(value.length() < 255 ? "r" + value : value.substring(1) + "r");
  }

  private static Secret grant(String value) {
    return Secret.of(value.length() < 255 ? "g" + value : value.substring(1) + "g");
  }
}
