package dev.tokenkeep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.OAuthToken;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreRulesTest {
  @Test
  void matchFor_followsDesignOrder() {
    OAuthToken.Builder b = OAuthToken.builder();
    assertThat(StoreRules.matchFor(b.build())).isEqualTo(StoreRules.Match.NONE);
    assertThat(StoreRules.matchFor(OAuthToken.builder().userName("u").accessToken("a").build()))
        .isEqualTo(StoreRules.Match.BY_USER);
    assertThat(StoreRules.matchFor(OAuthToken.builder().accessToken("a").build()))
        .isEqualTo(StoreRules.Match.BY_ACCESS_TOKEN);
    assertThat(StoreRules.matchFor(OAuthToken.builder().accessToken("a").clientId("c").build()))
        .isEqualTo(StoreRules.Match.NONE);
    assertThat(StoreRules.matchFor(OAuthToken.builder().clientId("c").clientSecret("s").grantToken("g").refreshToken("r").build()))
        .isEqualTo(StoreRules.Match.BY_GRANT_TOKEN);
    assertThat(StoreRules.matchFor(OAuthToken.builder().clientId("c").clientSecret("s").refreshToken("r").build()))
        .isEqualTo(StoreRules.Match.BY_REFRESH_TOKEN);
    assertThat(StoreRules.matchFor(OAuthToken.builder().clientId("c").refreshToken("r").build()))
        .isEqualTo(StoreRules.Match.NONE);
  }

  @Test
  void idOrder_numericByValueThenText() {
    List<String> ids = Arrays.asList("b", "10", "9", "a", "0", "100", "09");
    ids.sort(StoreRules.ID_ORDER);
    assertThat(ids).containsExactly("0", "9", "10", "100", "09", "a", "b");
  }

  @Test
  void rows_roundTripAndRejectBadExpiry() {
    OAuthToken t = OAuthToken.builder().id("1").userName("u").accessToken("a").expiresAtMillis(5).build();
    assertThat(StoreRules.fromRow(StoreRules.toRow(t))).isEqualTo(t);
    List<String> bad = StoreRules.toRow(t);
    bad.set(7, "soon");
    assertThatThrownBy(() -> StoreRules.fromRow(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiry_time 'soon'");
  }

  @Test
  void nextId_stopsAtTenDigits() {
    assertThat(StoreRules.nextId("s", 9_999_999_998L)).isEqualTo("9999999999");
    assertThatThrownBy(() -> StoreRules.nextId("s", 9_999_999_999L)).hasMessageContaining("no new id");
  }

  @Test
  void merge_keepsStoredWhereUpdateIsAbsent() {
    OAuthToken stored = OAuthToken.builder().id("1").userName("u").refreshToken("r").accessToken("a").build();
    OAuthToken merged = StoreRules.merge(stored, OAuthToken.builder().accessToken("b").build());
    assertThat(merged).isEqualTo(stored.toBuilder().accessToken("b").build());
  }
}
