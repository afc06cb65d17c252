package dev.tokenkeep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OAuthTokenTest {
  private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00.123Z");

  private static OAuthToken token() {
    return OAuthToken.builder()
        .id("7")
        .userName("alice@example.com")
        .clientId("1000.CLIENT")
        .clientSecret("client-secret-value-1")
        .refreshToken("1000.refresh.secret.value")
        .accessToken("1000.access.secret.value")
        .grantToken("1000.grant.secret.value")
        .expiresAt(EXPIRY)
        .redirectUrl("https://app.example.com/cb")
        .apiDomain("https://www.zohoapis.eu")
        .build();
  }

  @Test
  void columns_areZohoOnDiskOrder() {
    assertThat(OAuthToken.COLUMNS).containsExactly(
        "id", "user_name", "client_id", "client_secret", "refresh_token", "access_token",
        "grant_token", "expiry_time", "redirect_url", "api_domain");
  }

  @Test
  void builder_emptyStrings_becomeAbsent() {
    OAuthToken t = OAuthToken.builder().id("").userName("").clientId("").clientSecret("")
        .refreshToken("").accessToken("").grantToken("").redirectUrl("").apiDomain("").build();
    assertThat(t).isEqualTo(OAuthToken.builder().build());
    assertThat(t.userName()).isNull();
    assertThat(t.accessToken()).isNull();
  }

  @Test
  void toString_showsNoSecret() {
    String text = token().toString();
    assertThat(text).contains("alice@example.com", "1000.CLIENT", "https://www.zohoapis.eu");
    assertThat(text).doesNotContain("client-secret-value-1", "1000.refresh.secret.value",
        "1000.access.secret.value", "1000.grant.secret.value");
  }

  @Test
  void withCopies_changeOnlyTheirFields() {
    OAuthToken t = token();
    OAuthToken refreshed = t.withAccessToken(Secret.of("new-access"), EXPIRY.plusSeconds(60));
    assertThat(refreshed.accessToken().reveal()).isEqualTo("new-access");
    assertThat(refreshed.expiresAt()).isEqualTo(EXPIRY.plusSeconds(60));
    assertThat(refreshed.toBuilder().accessToken(t.accessToken()).expiresAt(EXPIRY).build()).isEqualTo(t);
    assertThat(t.withId("8").id()).isEqualTo("8");
    assertThat(t.accessToken().reveal()).isEqualTo("1000.access.secret.value");
  }

  @Test
  void expiresAt_isTruncatedToMilliseconds() {
    OAuthToken t = OAuthToken.builder().expiresAt(Instant.parse("2030-01-01T00:00:00.123456789Z")).build();
    assertThat(t.expiresAt()).isEqualTo(EXPIRY);
  }

  @Test
  void isExpired_atTheSkewBoundary_isExpired() {
    Duration skew = Duration.ofSeconds(60);
    Clock atBoundary = Clock.fixed(EXPIRY.minus(skew), ZoneOffset.UTC);
    Clock justBefore = Clock.fixed(EXPIRY.minus(skew).minusMillis(1), ZoneOffset.UTC);
    assertThat(token().isExpired(atBoundary, skew)).isTrue();
    assertThat(token().isExpired(justBefore, skew)).isFalse();
  }

  @Test
  void isExpired_withoutAccessTokenOrExpiry_isExpired() {
    Clock now = Clock.fixed(EXPIRY.minusSeconds(3600), ZoneOffset.UTC);
    assertThat(token().toBuilder().accessToken((Secret) null).build().isExpired(now, Duration.ZERO)).isTrue();
    assertThat(token().toBuilder().expiresAt(null).build().isExpired(now, Duration.ZERO)).isTrue();
  }

  @Test
  void equality_coversEveryField() {
    assertThat(token()).isEqualTo(token()).hasSameHashCodeAs(token());
    assertThat(token().toBuilder().apiDomain("https://www.zohoapis.com").build()).isNotEqualTo(token());
    assertThat(token().toBuilder().grantToken("other").build()).isNotEqualTo(token());
  }
}
