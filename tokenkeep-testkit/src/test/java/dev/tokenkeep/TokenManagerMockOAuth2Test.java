package dev.tokenkeep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokenkeep.oauth.OAuthException;
import dev.tokenkeep.oauth.OAuthProvider;
import dev.tokenkeep.oauth.TokenEndpoint;
import dev.tokenkeep.testkit.MutableClock;
import dev.tokenkeep.testkit.RecordingTokenListener;
import dev.tokenkeep.testkit.RecordingTokenListener.Type;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The standard flows against mock-oauth2-server with refresh-token rotation on: grant exchange,
 * refresh on expiry, skew, rotation, revocation, and its invalid_grant for a reused code or a
 * rotated-out refresh token.
 */
@Timeout(60)
class TokenManagerMockOAuth2Test {
  static final String ISSUER = "tokenkeep";
  static final String CLIENT = "tokenkeep-test-client";
  static final String SECRET = "mock-client-secret-0123456789";
  static final String REDIRECT = "http://localhost:8080/callback";
  static final String USER = "bob@example.com";
  static final OAuthToken BOB = OAuthToken.builder().userName(USER).clientId(CLIENT).build();
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

  private final MutableClock clock = MutableClock.at(T0);
  private final RecordingTokenListener listener = new RecordingTokenListener();
  private final TokenStore store = TokenStores.open("memory:");
  private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private MockOAuth2Server mock;
  private OAuthProvider provider;
  private TokenManager manager;

  @BeforeEach
  void start() {
    mock = new MockOAuth2Server(new OAuth2Config(false, null, null, true));
    mock.start(InetAddress.getLoopbackAddress(), 0);
    provider = OAuthProvider.of(
        URI.create(mock.tokenEndpointUrl(ISSUER).toString()),
        URI.create(mock.revocationEndpointUrl(ISSUER).toString()),
        URI.create(mock.authorizationEndpointUrl(ISSUER).toString()));
    manager = manager(provider);
  }

  @AfterEach
  void stop() {
    mock.shutdown();
  }

  private TokenManager manager(OAuthProvider p) {
    return TokenManager.builder(store, p).clock(clock).listener(listener)
        .requestTimeout(Duration.ofSeconds(5)).retries(2, Duration.ofMillis(1), Duration.ofMillis(5))
        .refreshLockLease(Duration.ofSeconds(15)).build();
  }

  /** A grant code, as the browser would bring it back from the authorization endpoint. */
  private String code() throws Exception {
    URI consent = provider.authorizationUri(CLIENT, REDIRECT, List.of("openid", "email"), "state-1");
    HttpResponse<Void> r = browser.send(HttpRequest.newBuilder(consent).build(), HttpResponse.BodyHandlers.discarding());
    String location = r.headers().firstValue("Location").orElseThrow();
    Matcher m = CODE.matcher(location);
    assertThat(m.find()).as(location).isTrue();
    return m.group(1);
  }

  private OAuthToken grant(String code) {
    return BOB.toBuilder().clientSecret(SECRET).grantToken(code).redirectUrl(REDIRECT).build();
  }

  private OAuthToken stored() {
    return store.findToken(BOB).orElseThrow();
  }

  /** The token requests the server received since the last call, by grant type. */
  private List<String> grantTypes() {
    List<String> types = new ArrayList<>();
    for (RecordedRequest r = nextRequest(); r != null; r = nextRequest()) {
      Matcher m = Pattern.compile("grant_type=([a-z_]+)").matcher(r.getBody().readUtf8());
      if (m.find()) {
        types.add(m.group(1));
      }
    }
    return types;
  }

  /** The next recorded request, or null when none came within 100 ms (the server throws then). */
  private RecordedRequest nextRequest() {
    try {
      return mock.takeRequest(100, TimeUnit.MILLISECONDS);
    } catch (RuntimeException none) {
      return null;
    }
  }

  private TokenEndpoint rawEndpoint() {
    return TokenEndpoint.builder(provider).clock(clock).build();
  }

  @Test
  void authorize_exchangesTheCode_andStoresTheTokens() throws Exception {
    OAuthToken saved = manager.authorize(grant(code()));
    assertThat(saved.userName()).isEqualTo(USER);
    assertThat(saved.accessToken()).isNotNull();
    assertThat(saved.refreshToken()).isNotNull();
    assertThat(saved.expiresAt()).isEqualTo(T0.plusSeconds(3599));
    assertThat(stored()).isEqualTo(saved);
    assertThat(listener.types()).containsExactly(Type.SAVED);
    assertThat(grantTypes()).containsExactly("authorization_code");
  }

  @Test
  void authorize_unknownUser_takesTheEmailClaimOfTheIdToken() throws Exception {
    mock.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "subject-1", "JWT", List.of(CLIENT),
        Map.of("email", "carol@example.com", "email_verified", true), 3600));
    OAuthToken saved = manager.authorize(OAuthToken.builder().clientId(CLIENT).clientSecret(SECRET)
        .grantToken(code()).redirectUrl(REDIRECT).build());
    assertThat(saved.userName()).isEqualTo("carol@example.com");
  }

  @Test
  void authorize_withLookupOff_ignoresTheIdToken() throws Exception {
    mock.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "subject-1", "JWT", List.of(CLIENT),
        Map.of("email", "carol@example.com"), 3600));
    OAuthToken saved = manager(provider.withUserLookup(false)).authorize(OAuthToken.builder().clientId(CLIENT)
        .clientSecret(SECRET).grantToken(code()).redirectUrl(REDIRECT).build());
    assertThat(saved.userName()).isNull();
  }

  @Test
  void accessToken_refreshesOnExpiry_savingTheRotatedRefreshToken() throws Exception {
    OAuthToken first = manager.authorize(grant(code()));
    grantTypes();
    clock.advance(Duration.ofSeconds(3599));
    Secret access = manager.accessToken(BOB);
    OAuthToken now = stored();
    assertThat(access).isEqualTo(now.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(now.refreshToken()).as("rotated").isNotEqualTo(first.refreshToken());
    assertThat(grantTypes()).containsExactly("refresh_token");
    assertThat(listener.types()).containsExactly(Type.SAVED, Type.REFRESHED);

    OAuthException e = catchThrowableOfType(OAuthException.class, () -> rawEndpoint().refresh(first));
    assertThat(e.providerCode()).isEqualTo("invalid_grant");
    assertThat(e.requiresReauthorization()).isTrue();
  }

  @Test
  void accessToken_refreshesAtExpiryMinusSkew_notBefore() throws Exception {
    OAuthToken first = manager.authorize(grant(code()));
    clock.advance(Duration.ofSeconds(3599 - 60).minusMillis(1));
    manager.accessToken(BOB);
    assertThat(stored().refreshToken()).isEqualTo(first.refreshToken());
    clock.advance(Duration.ofMillis(1));
    manager.accessToken(BOB);
    assertThat(stored().refreshToken()).isNotEqualTo(first.refreshToken());
  }

  @Test
  void storm_64Threads_oneRefreshRequest_sameToken_evenWithRotation() throws Exception {
    manager.authorize(grant(code()));
    grantTypes();
    clock.advance(Duration.ofHours(2));
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      CyclicBarrier start = new CyclicBarrier(64);
      List<Future<Secret>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return manager.accessToken(BOB);
        }));
      }
      HashSet<Secret> tokens = new HashSet<>();
      for (Future<Secret> f : results) {
        tokens.add(f.get(30, TimeUnit.SECONDS));
      }
      List<String> requests = grantTypes();
      System.out.printf("FIGURE in-process storm (mock-oauth2-server, rotation on): 64 threads -> %d refresh request(s)%n",
          requests.size());
      assertThat(requests).containsExactly("refresh_token");
      assertThat(tokens).containsExactly(stored().accessToken());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refresh_rotatedOutRefreshToken_reauthorizationNeeded_storedTokenUnchanged() throws Exception {
    OAuthToken first = manager.authorize(grant(code()));
    rawEndpoint().refresh(first); // someone else rotates it away without storing the new one
    clock.advance(Duration.ofHours(2));
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> manager.accessToken(BOB));
    assertThat(e.requiresReauthorization()).isTrue();
    assertThat(e.providerCode()).isEqualTo("invalid_grant");
    assertThat(e).hasMessageStartingWith("re-authorization needed for user bob@example.com")
        .hasMessageNotContaining(first.refreshToken().reveal()).hasMessageNotContaining(SECRET);
    assertThat(stored()).isEqualTo(first);
    assertThat(listener.types()).containsExactly(Type.SAVED, Type.REFRESH_FAILED);
  }

  @Test
  void authorize_codeUsedTwice_invalidGrant_storeUnchanged() throws Exception {
    String code = code();
    OAuthToken first = manager.authorize(grant(code));
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> manager.authorize(grant(code)));
    assertThat(e.providerCode()).isEqualTo("invalid_grant");
    assertThat(e).hasMessageContaining("nothing was stored").hasMessageContaining("get a new code")
        .hasMessageNotContaining(code);
    assertThat(store.getTokens()).containsExactly(first);
  }

  @Test
  void revoke_revokesTheRefreshToken_thenDeletes() throws Exception {
    OAuthToken first = manager.authorize(grant(code()));
    assertThat(manager.revoke(BOB)).isTrue();
    assertThat(store.getTokens()).isEmpty();
    assertThat(listener.types()).containsExactly(Type.SAVED, Type.REVOKED);
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> rawEndpoint().refresh(first));
    assertThat(e.providerCode()).isEqualTo("invalid_grant");
  }

  @Test
  void basicClientAuthentication_works() throws Exception {
    TokenManager basic = manager(provider.withClientAuthentication(OAuthProvider.ClientAuthentication.BASIC));
    OAuthToken first = basic.authorize(grant(code()));
    clock.advance(Duration.ofHours(2));
    assertThat(basic.accessToken(BOB)).isNotEqualTo(first.accessToken());
  }
}
