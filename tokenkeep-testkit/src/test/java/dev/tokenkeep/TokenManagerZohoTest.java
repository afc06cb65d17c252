package dev.tokenkeep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokenkeep.oauth.OAuthException;
import dev.tokenkeep.oauth.OAuthProvider;
import dev.tokenkeep.oauth.ZohoDataCenter;
import dev.tokenkeep.testkit.MutableClock;
import dev.tokenkeep.testkit.RecordingTokenListener;
import dev.tokenkeep.testkit.RecordingTokenListener.Type;
import dev.tokenkeep.testkit.ZohoTestServer;
import dev.tokenkeep.testkit.ZohoTestServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The manager against a Zoho-behaving server on loopback: refresh, storms, failures, cooldown. */
@Timeout(60)
class TokenManagerZohoTest {
  static final String CLIENT = "1000.MANAGERCLIENTAAAAAAAAAAAAAAAAAA";
  static final String SECRET = "manager-client-secret-0123456789";
  static final String USER = "alice@example.com";
  static final OAuthToken ALICE = OAuthToken.builder().userName(USER).clientId(CLIENT).build();
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final RecordingTokenListener listener = new RecordingTokenListener();
  private final TokenStore store = TokenStores.open("memory:");
  private ZohoTestServer server;
  private TokenManager manager;

  @BeforeEach
  void start() throws Exception {
    server = ZohoTestServer.start().addClient(CLIENT, SECRET);
    manager = manager(provider()).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OAuthProvider provider() {
    return OAuthProvider.zoho(ZohoDataCenter.US).withAccountsServer(ZohoDataCenter.US, server.url());
  }

  private TokenManager.Builder manager(OAuthProvider provider) {
    return TokenManager.builder(store, provider)
        .clock(clock)
        .listener(listener)
        .requestTimeout(Duration.ofSeconds(2))
        .retries(4, Duration.ofMillis(1), Duration.ofMillis(5))
        .refreshLockLease(Duration.ofSeconds(10))
        .refreshLockWait(Duration.ofSeconds(10));
  }

  /** Stores Alice's token with a refresh token the server knows, expiring {@code in} from now. */
  private OAuthToken seed(Duration in) {
    return seed(in, server.issueRefreshToken(CLIENT, USER));
  }

  private OAuthToken seed(Duration in, String refreshToken) {
    return store.saveToken(ALICE.toBuilder().clientSecret(SECRET).refreshToken(refreshToken)
        .accessToken("1000.seeded.access.token.0123456789").expiresAt(clock.instant().plus(in))
        .apiDomain(server.apiDomain()).build());
  }

  private OAuthToken stored() {
    return store.findToken(ALICE).orElseThrow();
  }

  /** {@code threads} threads ask at once; the server holds the refresh until all have asked. */
  private List<Object> storm(TokenManager m, int threads) throws Exception {
    server.holdRefreshes();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      CountDownLatch asking = new CountDownLatch(threads);
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          asking.countDown();
          try {
            return m.accessToken(ALICE);
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      assertThat(asking.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.awaitRefreshes(1, Duration.ofSeconds(10))).isTrue();
      server.releaseRefreshes();
      List<Object> out = new ArrayList<>();
      for (Future<Object> f : results) {
        out.add(f.get(30, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void accessToken_valid_comesFromMemory_withoutStoreOrServer() throws Exception {
    OAuthToken seeded = seed(Duration.ofHours(1));
    CountingStore counting = new CountingStore(store);
    TokenManager m = TokenManager.builder(counting, provider()).clock(clock).build();
    assertThat(m.accessToken(ALICE)).isEqualTo(seeded.accessToken());
    int afterFirst = counting.calls.get();
    for (int i = 0; i < 1000; i++) {
      assertThat(m.accessToken(ALICE)).isEqualTo(seeded.accessToken());
    }
    assertThat(counting.calls.get()).isEqualTo(afterFirst);
    assertThat(server.refreshCount()).isZero();
  }

  @Test
  void accessToken_expired_refreshesOnce_savesBeforeReturning_keepsTheRefreshToken() {
    OAuthToken seeded = seed(Duration.ofSeconds(-1));
    Secret access = manager.accessToken(ALICE);
    OAuthToken now = stored();
    assertThat(access).isEqualTo(now.accessToken()).isNotEqualTo(seeded.accessToken());
    assertThat(now.refreshToken()).isEqualTo(seeded.refreshToken());
    assertThat(now.expiresAt()).isEqualTo(T0.plusSeconds(3600));
    assertThat(now.id()).isEqualTo(seeded.id());
    assertThat(server.refreshCount()).isEqualTo(1);
    assertThat(listener.types()).containsExactly(Type.REFRESHED);
    assertThat(listener.events().get(0).after()).isEqualTo(now);
    manager.accessToken(ALICE);
    assertThat(server.refreshCount()).isEqualTo(1);
  }

  @Test
  void accessToken_expiresIn120s_advance61s_exactlyOneRefresh_atTheSkewBoundary() {
    seed(Duration.ofSeconds(120));
    manager.accessToken(ALICE);
    clock.advance(Duration.ofSeconds(59));
    manager.accessToken(ALICE);
    assertThat(server.refreshCount()).as("61 s left, more than the 60 s skew").isZero();
    clock.advance(Duration.ofMillis(999));
    manager.accessToken(ALICE);
    assertThat(server.refreshCount()).as("60.001 s left").isZero();
    clock.advance(Duration.ofMillis(1));
    manager.accessToken(ALICE);
    assertThat(server.refreshCount()).as("exactly expiresAt - skew refreshes").isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    manager.accessToken(ALICE);
    assertThat(server.refreshCount()).isEqualTo(1);
  }

  @Test
  void shortLivedTokens_areKeptForHalfTheirLife_notRefreshedOnEveryCall() {
    server.lifetime(Duration.ofSeconds(60));
    seed(Duration.ofSeconds(-1));
    Secret first = manager.accessToken(ALICE);
    clock.advance(Duration.ofSeconds(29));
    assertThat(manager.accessToken(ALICE)).isEqualTo(first);
    assertThat(server.refreshCount()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(manager.accessToken(ALICE)).isNotEqualTo(first);
    assertThat(server.refreshCount()).isEqualTo(2);
  }

  @Test
  void storm_64ThreadsOnAnExpiredToken_oneRefreshRequest_allGetTheSameToken() throws Exception {
    seed(Duration.ofSeconds(-1));
    List<Object> results = storm(manager, 64);
    System.out.printf("FIGURE in-process storm (Zoho test server): 64 threads -> %d refresh request(s)%n",
        server.refreshCount());
    assertThat(server.refreshCount()).isEqualTo(1);
    assertThat(new HashSet<>(results)).containsExactly(stored().accessToken());
  }

  @Test
  void storm_twoManagersOnOneStore_oneRefreshRequest() throws Exception {
    seed(Duration.ofSeconds(-1));
    TokenManager other = manager(provider()).build();
    server.holdRefreshes();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<Secret>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        TokenManager m = i % 2 == 0 ? manager : other;
        results.add(pool.submit(() -> m.accessToken(ALICE)));
      }
      assertThat(server.awaitRefreshes(1, Duration.ofSeconds(10))).isTrue();
      server.releaseRefreshes();
      HashSet<Secret> tokens = new HashSet<>();
      for (Future<Secret> f : results) {
        tokens.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(tokens).containsExactly(stored().accessToken());
      assertThat(server.refreshCount()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refresh_invalidCode_reauthorizationNeeded_storedTokenUnchanged() {
    OAuthToken seeded = seed(Duration.ofSeconds(-1), "1000.revoked.refresh.token.0123456789");
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> manager.accessToken(ALICE));
    assertThat(e.requiresReauthorization()).isTrue();
    assertThat(e.providerCode()).isEqualTo("invalid_code");
    assertThat(e).hasMessageStartingWith("re-authorization needed for user alice@example.com (client 1000.MAN…)")
        .hasMessageContaining("stored token is unchanged")
        .hasMessageContaining("tokenkeep login --user alice@example.com")
        .hasMessageNotContaining("1000.revoked.refresh.token").hasMessageNotContaining(SECRET);
    assertThat(stored()).isEqualTo(seeded);
    assertThat(listener.types()).containsExactly(Type.REFRESH_FAILED);
    assertThat(listener.events().get(0).error().providerCode()).isEqualTo("invalid_code");
  }

  @Test
  void refresh_failedForGood_isRememberedForTheCooldown_thenTriedAgain() {
    seed(Duration.ofSeconds(-1), "1000.revoked.refresh.token.0123456789");
    assertThatThrownBy(() -> manager.accessToken(ALICE)).isInstanceOf(OAuthException.class);
    for (int i = 0; i < 5; i++) {
      OAuthException e = catchThrowableOfType(OAuthException.class, () -> manager.accessToken(ALICE));
      assertThat(e.requiresReauthorization()).isTrue();
      assertThat(e).hasMessageContaining("not asked again");
    }
    assertThat(server.refreshCount()).as("no call during the cooldown").isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> manager.accessToken(ALICE)).isInstanceOf(OAuthException.class);
    assertThat(server.refreshCount()).isEqualTo(2);
  }

  @Test
  void refresh_duringTheCooldown_aNewRefreshTokenInTheStoreIsTriedAtOnce() {
    seed(Duration.ofSeconds(-1), "1000.revoked.refresh.token.0123456789");
    assertThatThrownBy(() -> manager.accessToken(ALICE)).isInstanceOf(OAuthException.class);
    store.saveToken(ALICE.toBuilder().refreshToken(server.issueRefreshToken(CLIENT, USER)).build());
    assertThat(manager.accessToken(ALICE)).isEqualTo(stored().accessToken());
    assertThat(server.refreshCount()).isEqualTo(2);
  }

  @Test
  void refresh_transientFailure_leavesTheTokenUnchanged_andIsNotRemembered() {
    OAuthToken seeded = seed(Duration.ofSeconds(-1));
    server.enqueue(Reply.unavailable(503), Reply.unavailable(503), Reply.unavailable(503), Reply.unavailable(503));
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> manager.accessToken(ALICE));
    assertThat(e.isTransient()).isTrue();
    assertThat(e).hasMessageStartingWith("refresh of user alice@example.com").hasMessageContaining("unchanged");
    assertThat(stored()).isEqualTo(seeded);
    assertThat(manager.accessToken(ALICE)).isEqualTo(stored().accessToken());
    assertThat(server.refreshCount()).isEqualTo(5);
  }

  @Test
  void refresh_threeUnavailableThenOk_succeedsAfterRetries() {
    seed(Duration.ofSeconds(-1));
    server.enqueue(Reply.unavailable(503), Reply.unavailable(503), Reply.unavailable(503));
    assertThat(manager.accessToken(ALICE)).isEqualTo(stored().accessToken());
    assertThat(server.refreshCount()).isEqualTo(4);
    assertThat(listener.types()).containsExactly(Type.REFRESHED);
  }

  @Test
  void refresh_timeout_releasesTheSlot_waitersGetTheFailure_thenTheNextCallSucceeds() throws Exception {
    OAuthToken seeded = seed(Duration.ofSeconds(-1));
    TokenManager quick = manager(provider()).requestTimeout(Duration.ofMillis(300)).retries(1, Duration.ZERO, Duration.ZERO).build();
    server.enqueue(Reply.normalAfter(Duration.ofSeconds(5)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          try {
            return quick.accessToken(ALICE);
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      for (Future<Object> f : results) {
        Object r = f.get(30, TimeUnit.SECONDS);
        if (r instanceof OAuthException) {
          assertThat(((OAuthException) r).isTransient()).isTrue();
        } else {
          // A latecomer whose own refresh came after the slow one.
          assertThat(r).isEqualTo(stored().accessToken());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Secret next = quick.accessToken(ALICE);
    assertThat(next).isEqualTo(stored().accessToken()).isNotEqualTo(seeded.accessToken());
  }

  @Test
  void invalidate_refreshesOnce_onlyWhileTheStoredTokenIsTheRejectedOne() {
    seed(Duration.ofHours(1));
    Secret first = manager.accessToken(ALICE);
    manager.invalidate(ALICE, first);
    Secret second = manager.accessToken(ALICE);
    assertThat(second).isNotEqualTo(first);
    assertThat(server.refreshCount()).isEqualTo(1);
    manager.invalidate(ALICE, first);
    assertThat(manager.accessToken(ALICE)).isEqualTo(second);
    assertThat(server.refreshCount()).as("a stale report refreshes nothing").isEqualTo(1);
  }

  @Test
  void refresh_invalidGrant_reReadsTheStore_andUsesTheNewerRefreshToken() {
    String dead = "1000.rotated.out.refresh.token.0123456789";
    seed(Duration.ofSeconds(-1), dead);
    String newer = server.issueRefreshToken(CLIENT, USER);
    // Another process stores a newer refresh token while this one's refresh is on the wire.
    server.onRefresh(form -> {
      if (form.get("refresh_token").equals(dead)) {
        store.saveToken(ALICE.toBuilder().refreshToken(newer).build());
      }
    });
    assertThat(manager.accessToken(ALICE)).isEqualTo(stored().accessToken());
    assertThat(server.refreshTokensUsed()).containsExactly(dead, newer);
    assertThat(stored().refreshToken().reveal()).isEqualTo(newer);
  }

  @Test
  void accessToken_nothingStored_exchangesTheSelectorsGrantCode() {
    OAuthToken grant = ALICE.toBuilder().clientSecret(SECRET).grantToken(server.issueCode(CLIENT, USER)).build();
    Secret access = manager.accessToken(grant);
    assertThat(stored().accessToken()).isEqualTo(access);
    assertThat(stored().refreshToken()).isNotNull();
    assertThat(manager.accessToken(grant)).isEqualTo(access);
    assertThat(manager.accessToken(ALICE)).isEqualTo(access);
    assertThat(server.codeExchangeCount()).isEqualTo(1);
    assertThat(listener.types()).containsExactly(Type.SAVED);
  }

  @Test
  void accessToken_nothingStoredAndNoGrant_saysToAuthorize() {
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> manager.accessToken(ALICE));
    assertThat(e.requiresReauthorization()).isTrue();
    assertThat(e).hasMessageContaining("no token is stored for user alice@example.com").hasMessageContaining("authorize");
  }

  @Test
  void authorize_unknownUser_isLookedUpInTheCrm() {
    OAuthToken grant = OAuthToken.builder().clientId(CLIENT).clientSecret(SECRET)
        .grantToken(server.issueCode(CLIENT, USER)).redirectUrl("http://localhost:8080/cb").build();
    OAuthToken saved = manager.authorize(grant);
    assertThat(saved.userName()).isEqualTo(USER);
    assertThat(saved.redirectUrl()).isEqualTo("http://localhost:8080/cb");
    assertThat(saved.apiDomain()).isEqualTo(server.apiDomain());
    assertThat(stored()).isEqualTo(saved);
    assertThat(server.userLookupCount()).isEqualTo(1);
    assertThat(listener.types()).containsExactly(Type.SAVED);
  }

  @Test
  void authorize_withLookupOff_storesWithoutAUserName() {
    TokenManager noLookup = manager(provider().withUserLookup(false)).build();
    OAuthToken saved = noLookup.authorize(OAuthToken.builder().clientId(CLIENT).clientSecret(SECRET)
        .grantToken(server.issueCode(CLIENT, USER)).build());
    assertThat(saved.userName()).isNull();
    assertThat(server.userLookupCount()).isZero();
  }

  @Test
  void authorize_codeUsedTwice_clearError_andTheStoredTokenStaysWhole() {
    OAuthToken grant = ALICE.toBuilder().clientSecret(SECRET).grantToken(server.issueCode(CLIENT, USER)).build();
    OAuthToken first = manager.authorize(grant);
    OAuthException e = catchThrowableOfType(OAuthException.class, () -> manager.authorize(grant));
    assertThat(e.requiresReauthorization()).isTrue();
    assertThat(e).hasMessageStartingWith("authorization of user alice@example.com")
        .hasMessageContaining("nothing was stored").hasMessageNotContaining(grant.grantToken().reveal());
    assertThat(store.getTokens()).containsExactly(first);
    assertThat(manager.accessToken(ALICE)).isEqualTo(first.accessToken());
  }

  @Test
  void revoke_revokesAtZoho_thenDeletes() {
    OAuthToken seeded = seed(Duration.ofHours(1));
    manager.accessToken(ALICE);
    assertThat(manager.revoke(ALICE)).isTrue();
    assertThat(server.isLive(seeded.refreshToken().reveal())).isFalse();
    assertThat(store.getTokens()).isEmpty();
    assertThat(listener.types()).containsExactly(Type.REVOKED);
    assertThat(manager.revoke(ALICE)).isFalse();
    assertThatThrownBy(() -> manager.accessToken(ALICE)).isInstanceOf(OAuthException.class);
  }

  @Test
  void revoke_tokenZohoNoLongerKnows_isDeletedAnyway() {
    seed(Duration.ofHours(1), "1000.unknown.refresh.token.0123456789");
    assertThat(manager.revoke(ALICE)).isTrue();
    assertThat(store.getTokens()).isEmpty();
  }

  @Test
  void refresh_followsTheTokensApiDomain_toThatDataCentersAccountsServer() throws Exception {
    try (ZohoTestServer eu = ZohoTestServer.start().addClient(CLIENT, SECRET)) {
      TokenManager m = manager(provider().withAccountsServer(ZohoDataCenter.EU, eu.url())).build();
      store.saveToken(ALICE.toBuilder().clientSecret(SECRET).refreshToken(eu.issueRefreshToken(CLIENT, USER))
          .apiDomain("https://www.zohoapis.eu").build());
      assertThat(m.accessToken(ALICE)).isEqualTo(stored().accessToken());
      assertThat(eu.refreshCount()).isEqualTo(1);
      assertThat(server.refreshCount()).isZero();
    }
  }

  @Test
  void aThrowingListener_isIgnored() {
    seed(Duration.ofSeconds(-1));
    TokenManager m = manager(provider()).listener(new TokenListener() {
      @Override
      public void refreshed(OAuthToken before, OAuthToken after) {
        throw new IllegalStateException("listener bug");
      }
    }).build();
    assertThat(m.accessToken(ALICE)).isEqualTo(stored().accessToken());
  }

  @Test
  void builder_refusesALeaseShorterThanTheLongestRefresh() {
    assertThatThrownBy(() -> TokenManager.builder(store, provider()).requestTimeout(Duration.ofSeconds(30))
            .refreshLockLease(Duration.ofSeconds(20)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refreshLockLease PT20S is shorter than the longest refresh");
    assertThatThrownBy(() -> TokenManager.builder(store, provider()).refreshSkew(Duration.ofMinutes(30)))
        .hasMessage("refreshSkew must be between 0 and 10 minutes: got PT30M");
  }
}
