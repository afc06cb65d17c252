package dev.tokenkeep.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.testkit.MutableClock;
import dev.tokenkeep.testkit.ZohoTestServer;
import dev.tokenkeep.testkit.ZohoTestServer.ExpiresFormat;
import dev.tokenkeep.testkit.ZohoTestServer.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The token endpoint client against a Zoho-behaving server on loopback; waits are recorded, not slept. */
class TokenEndpointZohoTest {
  static final String CLIENT = "1000.ENDPOINTCLIENTAAAAAAAAAAAAAAAAA";
  static final String SECRET = "endpoint-client-secret-0123456789";
  static final String USER = "alice@example.com";
  static final Instant NOW = Instant.parse("2030-01-01T00:00:00.250Z");

  private final MutableClock clock = MutableClock.at(NOW);
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private ZohoTestServer server;
  private TokenEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    server = ZohoTestServer.start().addClient(CLIENT, SECRET);
    endpoint = endpoint(OAuthProvider.zoho(ZohoDataCenter.US).withAccountsServer(ZohoDataCenter.US, server.url()))
        .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TokenEndpoint.Builder endpoint(OAuthProvider provider) {
    return TokenEndpoint.builder(provider)
        .clock(clock)
        .requestTimeout(Duration.ofSeconds(5))
        .retries(4, Duration.ofMillis(200), Duration.ofSeconds(2))
        .sleeper(waits::add)
        .random(() -> 0.5);
  }

  private OAuthToken stored(String refreshToken) {
    return OAuthToken.builder().userName(USER).clientId(CLIENT).clientSecret(SECRET).refreshToken(refreshToken)
        .apiDomain(server.apiDomain()).build();
  }

  private OAuthToken grant(String code) {
    return OAuthToken.builder().clientId(CLIENT).clientSecret(SECRET).grantToken(code)
        .redirectUrl("http://localhost:8080/callback").build();
  }

  @Test
  void exchangeCode_returnsTokensApiDomainAndExpiryFromTheClock() {
    OAuthToken t = endpoint.exchangeCode(grant(server.issueCode(CLIENT, USER)));
    assertThat(t.accessToken()).isNotNull();
    assertThat(server.acceptsAccessToken(t.accessToken().reveal())).isTrue();
    assertThat(server.isLive(t.refreshToken().reveal())).isTrue();
    assertThat(t.apiDomain()).isEqualTo(server.apiDomain());
    assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(t.userName()).isNull();
    assertThat(t.clientSecret()).isNull();
  }

  @Test
  void exchangeCode_usedTwice_isRefusedOnce_andNeverRetried() {
    String code = server.issueCode(CLIENT, USER);
    endpoint.exchangeCode(grant(code));
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> endpoint.exchangeCode(grant(code)));
    assertThat(e.requiresReauthorization()).isTrue();
    assertThat(e.providerCode()).isEqualTo("invalid_code");
    assertThat(e).hasMessageContaining("exchangeCode").hasMessageContaining("get a new code")
        .hasMessageNotContaining(code).hasMessageNotContaining(SECRET);
    assertThat(server.codeExchangeCount()).isEqualTo(2);
    assertThat(waits).isEmpty();
  }

  @Test
  void refresh_zohoDoesNotRotate_theAnswerHasNoRefreshToken() {
    String refreshToken = server.issueRefreshToken(CLIENT, USER);
    clock.advance(Duration.ofMinutes(5));
    OAuthToken t = endpoint.refresh(stored(refreshToken));
    assertThat(t.refreshToken()).isNull();
    assertThat(t.accessToken()).isNotNull();
    assertThat(t.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(65)));
    assertThat(server.refreshTokensUsed()).containsExactly(refreshToken);
  }

  @Test
  void refresh_invalidCodeInA200Body_requiresReauthorization_sentOnce() {
    String refreshToken = "1000.unknown.refresh.token.abcdef0123456789";
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> endpoint.refresh(stored(refreshToken)));
    assertThat(e.requiresReauthorization()).isTrue();
    assertThat(e.providerCode()).isEqualTo("invalid_code");
    assertThat(e).hasMessageStartingWith("127.0.0.1:").hasMessageContaining("refresh: refused with invalid_code (HTTP 200)")
        .hasMessageContaining("authorize again").hasMessageNotContaining(refreshToken).hasMessageNotContaining(SECRET);
    assertThat(server.refreshCount()).isEqualTo(1);
  }

  /** Regression: a token without a client secret (Zoho's 6-column file has none) crashed with a NullPointerException. */
  @Test
  void refresh_withoutClientSecret_isAProviderAnswer_notACrash() {
    String refreshToken = server.issueRefreshToken(CLIENT, USER);
    OAuthToken noSecret = stored(refreshToken).toBuilder().clientSecret((dev.tokenkeep.Secret) null).build();
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> endpoint.refresh(noSecret));
    assertThat(e).isNotNull();
    assertThat(server.refreshCount()).isEqualTo(1);
  }

  @Test
  void refresh_wrongSecret_isRefusedAsConfiguration_notAsDeadToken() {
    String refreshToken = server.issueRefreshToken(CLIENT, USER);
    OAuthToken wrong = stored(refreshToken).toBuilder().clientSecret("not-the-secret-0123456789").build();
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> endpoint.refresh(wrong));
    assertThat(e.kind()).isEqualTo(OAuthException.Kind.REFUSED);
    assertThat(e.providerCode()).isEqualTo("invalid_client_secret");
    assertThat(e).hasMessageContaining("check the client secret").hasMessageNotContaining("not-the-secret");
    assertThat(server.refreshCount()).isEqualTo(1);
  }

  @Test
  void refresh_unknownClient_pointsAtTheDataCenter() {
    OAuthToken other = stored("1000.x").toBuilder().clientId("1000.OTHERCLIENT").build();
    assertThatThrownBy(() -> endpoint.refresh(other))
        .isInstanceOf(OAuthException.class)
        .hasMessageContaining("invalid_client").hasMessageContaining("data center (US)");
  }

  @Test
  void refresh_threeUnavailableThenOk_succeedsAfterRetries_withGrowingWaits() {
    String refreshToken = server.issueRefreshToken(CLIENT, USER);
    server.enqueue(Reply.unavailable(503), Reply.unavailable(503), Reply.unavailable(503));
    OAuthToken t = endpoint.refresh(stored(refreshToken));
    assertThat(t.accessToken()).isNotNull();
    assertThat(server.refreshCount()).isEqualTo(4);
    // Half of each exponential step always, plus the jitter (0.5 here) of the other half.
    assertThat(waits).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(600));
  }

  @Test
  void refresh_unavailableEveryTime_isTransientAfterMaxAttempts() {
    server.enqueue(Reply.unavailable(502), Reply.unavailable(502), Reply.unavailable(502), Reply.unavailable(502));
    OAuthException e = catchThrowableOfType(OAuthException.class,
        () -> endpoint.refresh(stored(server.issueRefreshToken(CLIENT, USER))));
    assertThat(e.isTransient()).isTrue();
    assertThat(e.providerCode()).isEqualTo("http_502");
    assertThat(e).hasMessageContaining("after 4 attempts");
    assertThat(server.refreshCount()).isEqualTo(4);
  }

  @Test
  void refresh_zohoRateLimit_isTransient_andRetried() {
    server.enqueue(Reply.rateLimited(), Reply.rateLimited());
    OAuthToken t = endpoint.refresh(stored(server.issueRefreshToken(CLIENT, USER)));
    assertThat(t.accessToken()).isNotNull();
    assertThat(server.refreshCount()).isEqualTo(3);
    assertThat(waits).hasSize(2);
  }

  @Test
  void refresh_zohoRateLimitWithHttp400_isStillTransient() {
    server.enqueue(Reply.rateLimited(), Reply.rateLimited(), Reply.rateLimited(), Reply.rateLimited());
    OAuthException e = catchThrowableOfType(OAuthException.class,
        () -> endpoint.refresh(stored(server.issueRefreshToken(CLIENT, USER))));
    assertThat(e.isTransient()).isTrue();
    assertThat(e.requiresReauthorization()).isFalse();
    assertThat(e.providerCode()).isEqualTo("Access Denied");
  }

  @Test
  void refresh_429_waitsWhatRetryAfterSays() {
    server.enqueue(Reply.tooManyRequests(1));
    endpoint.refresh(stored(server.issueRefreshToken(CLIENT, USER)));
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(server.refreshCount()).isEqualTo(2);
  }

  @Test
  void refresh_429_retryAfterLongerThanMaxBackoff_failsWithoutWaiting() {
    server.enqueue(Reply.tooManyRequests(120));
    OAuthException e = catchThrowableOfType(OAuthException.class,
        () -> endpoint.refresh(stored(server.issueRefreshToken(CLIENT, USER))));
    assertThat(e.isTransient()).isTrue();
    assertThat(e).hasMessageContaining("asks to wait 120 s");
    assertThat(waits).isEmpty();
    assertThat(server.refreshCount()).isEqualTo(1);
  }

  @Test
  void refresh_slowAnswerPastTheTimeout_isTransient_andTheRetrySucceeds() {
    TokenEndpoint quick = endpoint(OAuthProvider.zoho(ZohoDataCenter.US).withAccountsServer(ZohoDataCenter.US, server.url()))
        .requestTimeout(Duration.ofMillis(300)).build();
    server.enqueue(Reply.normalAfter(Duration.ofSeconds(5)));
    OAuthToken t = quick.refresh(stored(server.issueRefreshToken(CLIENT, USER)));
    assertThat(t.accessToken()).isNotNull();
    assertThat(server.refreshCount()).isEqualTo(2);
    assertThat(waits).hasSize(1);
  }

  @Test
  void refresh_slowEveryTime_failsWithTimeout() {
    TokenEndpoint quick = endpoint(OAuthProvider.zoho(ZohoDataCenter.US).withAccountsServer(ZohoDataCenter.US, server.url()))
        .requestTimeout(Duration.ofMillis(200)).retries(2, Duration.ofMillis(1), Duration.ofMillis(1)).build();
    server.enqueue(Reply.normalAfter(Duration.ofSeconds(5)), Reply.normalAfter(Duration.ofSeconds(5)));
    OAuthException e = catchThrowableOfType(OAuthException.class,
        () -> quick.refresh(stored(server.issueRefreshToken(CLIENT, USER))));
    assertThat(e.isTransient()).isTrue();
    assertThat(e.providerCode()).isEqualTo("timeout");
    assertThat(e).hasMessageContaining("no answer within 200 ms");
  }

  @Test
  void refresh_nothingListening_isATransientIoError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    TokenEndpoint nowhere = endpoint(OAuthProvider.zoho(ZohoDataCenter.US)
        .withAccountsServer(ZohoDataCenter.US, URI.create("http://127.0.0.1:" + port))).build();
    OAuthException e = catchThrowableOfType(OAuthException.class,
        () -> nowhere.refresh(stored("1000.some.refresh.token.0123456789")));
    assertThat(e.isTransient()).isTrue();
    assertThat(e.providerCode()).isEqualTo("io_error");
    assertThat(waits).hasSize(3);
  }

  @Test
  void refresh_followsTheTokensApiDomainToItsDataCenter() throws Exception {
    try (ZohoTestServer eu = ZohoTestServer.start().addClient(CLIENT, SECRET)) {
      TokenEndpoint us = endpoint(OAuthProvider.zoho(ZohoDataCenter.US)
          .withAccountsServer(ZohoDataCenter.US, server.url())
          .withAccountsServer(ZohoDataCenter.EU, eu.url())).build();
      OAuthToken euToken = stored(eu.issueRefreshToken(CLIENT, USER)).toBuilder()
          .apiDomain("https://www.zohoapis.eu").build();
      assertThat(us.refresh(euToken).accessToken()).isNotNull();
      assertThat(eu.refreshCount()).isEqualTo(1);
      assertThat(server.refreshCount()).isZero();
    }
  }

  @ParameterizedTest
  @CsvSource({"SECONDS, PT1H", "MILLIS_WITH_SECONDS, PT1H", "STRING, PT1H", "ABSENT, PT5M"})
  void refresh_readsEveryExpiryFormat(ExpiresFormat format, Duration lifetime) {
    server.expiresFormat(format);
    OAuthToken t = endpoint.refresh(stored(server.issueRefreshToken(CLIENT, USER)));
    assertThat(t.expiresAt()).isEqualTo(NOW.plus(lifetime));
  }

  @Test
  void revoke_zohoSendsTheTokenAlone_andTheTokenDies() {
    String refreshToken = server.issueRefreshToken(CLIENT, USER);
    endpoint.revoke(stored(refreshToken));
    assertThat(server.isLive(refreshToken)).isFalse();
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> endpoint.revoke(stored(refreshToken)));
    assertThat(e.requiresReauthorization()).isTrue();
    assertThat(server.revokeCount()).isEqualTo(2);
  }

  @Test
  void zohoUserEmail_asksTheCrmOnTheTokensApiDomain() {
    OAuthToken t = endpoint.exchangeCode(grant(server.issueCode(CLIENT, USER)));
    assertThat(endpoint.zohoUserEmail(t)).contains(USER);
    assertThat(server.userLookupCount()).isEqualTo(1);
    OAuthToken dead = t.toBuilder().accessToken("1000.dead.access.token").build();
    assertThatThrownBy(() -> endpoint.zohoUserEmail(dead)).isInstanceOf(OAuthException.class)
        .hasMessageContaining("INVALID_TOKEN").hasMessageNotContaining("1000.dead.access.token");
  }

  @Test
  void basicAuthentication_sendsTheClientInTheHeader() {
    TokenEndpoint basic = endpoint(OAuthProvider.zoho(ZohoDataCenter.US).withAccountsServer(ZohoDataCenter.US, server.url())
        .withClientAuthentication(OAuthProvider.ClientAuthentication.BASIC)).build();
    assertThat(basic.refresh(stored(server.issueRefreshToken(CLIENT, USER))).accessToken()).isNotNull();
  }

  @Test
  void missingFields_areNamed() {
    assertThatThrownBy(() -> endpoint.refresh(OAuthToken.builder().clientId(CLIENT).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshToken");
    assertThatThrownBy(() -> endpoint.exchangeCode(OAuthToken.builder().clientId(CLIENT).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grantToken");
  }
}
