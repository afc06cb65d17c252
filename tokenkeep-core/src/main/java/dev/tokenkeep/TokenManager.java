package dev.tokenkeep;

import dev.tokenkeep.oauth.OAuthException;
import dev.tokenkeep.oauth.OAuthException.Kind;
import dev.tokenkeep.oauth.OAuthProvider;
import dev.tokenkeep.oauth.TokenEndpoint;
import dev.tokenkeep.store.RefreshLock;
import dev.tokenkeep.store.StoreRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out valid access tokens, refreshing each one exactly once when it expires, however many
 * threads and processes ask at the same moment. The application's entry point; build one per
 * store and provider with {@link #builder} and share it. Several may live in one JVM.
 *
 * <pre>{@code
 * TokenManager tokens = TokenManager.builder(store, OAuthProvider.zoho(ZohoDataCenter.EU)).build();
 * Secret access = tokens.accessToken(OAuthToken.builder().userName("alice@example.com").build());
 * }</pre>
 *
 * <h2>Hot path</h2>
 *
 * A token valid for longer than the refresh skew comes from memory: one map lookup to an
 * immutable snapshot and one read of the clock; no lock, no store call, no logging.
 *
 * <h2>Refresh</h2>
 *
 * Otherwise the manager reads the store. Concurrent callers in this process share one refresh
 * per token (single flight). Across processes the store's {@link RefreshLock} serialises
 * refreshes: the holder re-reads the token after taking it and skips the refresh when another
 * process already did it. A refresh token the provider rotated is saved before any caller sees
 * the new access token. A Zoho token is refreshed at the accounts server of its own {@code
 * api_domain}. A refresh that fails or times out releases its slot, and callers that waited for
 * it re-read the store rather than trust what they held.
 *
 * <h2>Failures</h2>
 *
 * The stored token is never deleted or overwritten by a failure. A dead refresh token raises an
 * {@link OAuthException} that says re-authorization is needed for the user; on {@code
 * invalid_grant} the manager first re-reads the store, in case another process stored a newer
 * refresh token. A refresh that failed for good is remembered for the failure cooldown (default
 * 30 s) and callers get the remembered error instead of a new call to the provider, whose rate
 * limits (Zoho: ten access tokens per refresh token in ten minutes) a dead token retried on every
 * API call would burn. Transient failures (timeouts, 5xx, rate limiting) are not remembered.
 */
public final class TokenManager {
  static final Duration MAX_SKEW = Duration.ofMinutes(10);
  private static final Logger log = LoggerFactory.getLogger(TokenManager.class);

  private final TokenStore store;
  private final TokenEndpoint endpoint;
  private final Clock clock;
  private final long skewMillis;
  private final RefreshLock lock;
  private final Duration lockWait;
  private final Duration lockLease;
  private final long cooldownMillis;
  private final long followerWaitMillis;
  private final TokenListener listener;

  /** What the hot path answers from, per selector. */
  private final ConcurrentHashMap<Key, Snapshot> snapshots = new ConcurrentHashMap<>();
  /** The refresh or exchange in flight, per token (flight key). */
  private final ConcurrentHashMap<String, CompletableFuture<OAuthToken>> flights = new ConcurrentHashMap<>();
  /** Failures for good, remembered for the cooldown, per flight key. */
  private final ConcurrentHashMap<String, Failure> failures = new ConcurrentHashMap<>();
  /** Access tokens the application reported refused (see invalidate), per token id. */
  private final ConcurrentHashMap<String, Secret> rejected = new ConcurrentHashMap<>();

  private TokenManager(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.skewMillis = b.refreshSkew.toMillis();
    this.lock = b.refreshLock != null ? b.refreshLock : RefreshLock.of(b.store);
    this.lockWait = b.refreshLockWait;
    this.lockLease = b.refreshLockLease;
    this.cooldownMillis = b.failureCooldown.toMillis();
    this.listener = new SafeListener(b.listener);
    // A follower waits for the lock and for the leader's calls (a grant exchange makes two).
    this.followerWaitMillis = lockWait.plus(b.endpoint.worstCase().multipliedBy(2)).plusSeconds(1).toMillis();
    this.endpoint = b.endpoint.build();
  }

  /** A builder for a manager of the tokens in {@code store}, issued by {@code provider}. */
  public static Builder builder(TokenStore store, OAuthProvider provider) {
    return new Builder(store, provider);
  }

  /**
   * A valid access token for the token {@code selector} finds (a partial token, matched like
   * {@link TokenStore#findToken}): from memory when it is valid for longer than the refresh skew,
   * else refreshed, or obtained by exchanging the selector's grant token when nothing is stored
   * for it yet; saved before it is returned.
   *
   * @throws OAuthException when no valid token can be had; {@link OAuthException#requiresReauthorization()}
   *     tells whether the user must authorize again
   * @throws TokenStoreException when the store fails
   */
  public Secret accessToken(OAuthToken selector) {
    Snapshot s = snapshots.get(Key.of(selector));
    // Valid while now < expiresAt - skew: the boundary instant already refreshes.
    if (s != null && clock.millis() < s.refreshAtMillis()) {
      return s.accessToken();
    }
    return obtain(selector);
  }

  /**
   * Reports that an API call with {@code rejectedAccessToken} was refused (HTTP 401). The next
   * {@link #accessToken} refreshes once, coordinated like any refresh, and only when the stored
   * access token is still the rejected one.
   */
  public void invalidate(OAuthToken selector, Secret rejectedAccessToken) {
    Objects.requireNonNull(rejectedAccessToken, "rejectedAccessToken");
    snapshots.values().removeIf(s -> s.accessToken().equals(rejectedAccessToken));
    Optional<OAuthToken> stored = store.findToken(Objects.requireNonNull(selector, "selector"));
    if (stored.isPresent() && rejectedAccessToken.equals(stored.get().accessToken())) {
      rejected.put(stored.get().id(), rejectedAccessToken);
      snapshots.values().removeIf(s -> s.id().equals(stored.get().id()));
    }
  }

  /**
   * Exchanges the grant code of a new authorization and stores the tokens. {@code grant} holds
   * the client id, client secret, grant token, the redirect URL when the client has one, and the
   * user name when it is known. When it is not, the user is looked up unless the provider's
   * user lookup is off: Zoho's CRM current-user API, or the {@code email} claim of an {@code
   * id_token}. A grant code works once: used again, it fails and nothing stored changes.
   *
   * @return the token as stored
   */
  public OAuthToken authorize(OAuthToken grant) {
    Objects.requireNonNull(grant, "grant");
    if (grant.clientId() == null || grant.grantToken() == null) {
      throw new IllegalArgumentException(
          "authorize: the grant needs a clientId and a grantToken (the code from the redirect); got " + grant);
    }
    Plan plan = Plan.exchange(grant);
    try (RefreshLock.Lease ignored = acquire(plan)) {
      return exchange(grant);
    }
  }

  /**
   * Revokes the refresh token of the token {@code selector} finds at the provider, then deletes
   * the token from the store; false when nothing is stored. A token the provider no longer
   * knows is deleted too; any other failure leaves it stored.
   */
  public boolean revoke(OAuthToken selector) {
    Optional<OAuthToken> found = store.findToken(Objects.requireNonNull(selector, "selector"));
    if (found.isEmpty()) {
      return false;
    }
    Plan plan = Plan.refresh(found.get());
    try (RefreshLock.Lease ignored = acquire(plan)) {
      Optional<OAuthToken> current = store.findTokenById(found.get().id());
      if (current.isEmpty()) {
        return false;
      }
      try {
        endpoint.revoke(current.get());
      } catch (OAuthException e) {
        if (!e.requiresReauthorization()) {
          throw new OAuthException("revoke of " + who(current.get()) + " failed: " + e.getMessage()
              + "; the token is still stored — try again", e.providerCode(), e.kind(), e);
        }
        log.info("revoke of {}: the provider no longer knows the token; deleting it", who(current.get()));
      }
      store.deleteToken(current.get().id());
      forget(current.get().id());
      listener.revoked(current.get());
      return true;
    }
  }

  /** The slow path: read the store, and join or lead the refresh or exchange of the token. */
  private Secret obtain(OAuthToken selector) {
    Key key = Key.of(selector);
    for (int round = 1; ; round++) {
      long now = clock.millis();
      OAuthToken stored = store.findToken(selector).orElse(null);
      if (stored != null && usable(stored, now)) {
        return remember(key, stored, refreshAt(stored));
      }
      Plan plan = stored != null ? Plan.refresh(stored) : Plan.exchange(selector);
      checkCooldown(plan, now);
      CompletableFuture<OAuthToken> mine = new CompletableFuture<>();
      CompletableFuture<OAuthToken> running = flights.putIfAbsent(plan.key, mine);
      if (running != null) {
        return follow(running, selector, key);
      }
      OAuthToken fresh;
      try {
        fresh = lead(plan, key);
        mine.complete(fresh);
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
        throw e;
      } finally {
        flights.remove(plan.key, mine);
      }
      if (fresh != null) {
        return fresh.accessToken();
      }
      if (round >= 3) {
        throw new OAuthException(who(selector) + ": the stored token kept changing while it was "
            + "being refreshed; try again", null, Kind.TRANSIENT, null);
      }
    }
  }

  /** Waits for another thread's flight; on failure re-reads the store before giving up. */
  private Secret follow(CompletableFuture<OAuthToken> running, OAuthToken selector, Key key) {
    try {
      OAuthToken fresh = running.get(followerWaitMillis, TimeUnit.MILLISECONDS);
      if (fresh != null) {
        return fresh.accessToken();
      }
    } catch (ExecutionException e) {
      Optional<OAuthToken> again = store.findToken(selector);
      if (again.isPresent() && usable(again.get(), clock.millis())) {
        return remember(key, again.get(), refreshAt(again.get()));
      }
      throw rethrown(e.getCause());
    } catch (TimeoutException e) {
      throw new OAuthException(who(selector) + ": waited " + followerWaitMillis + " ms for the refresh "
          + "in flight, which should have ended by then; try again", null, Kind.TRANSIENT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OAuthException(who(selector) + ": interrupted while waiting for the refresh in flight",
          null, Kind.TRANSIENT, e);
    }
    return obtain(selector);
  }

  /**
   * Takes the token's lock, re-reads it and refreshes or exchanges it unless another process
   * already did; remembers the result for {@code key}. Null when the token changed shape
   * meanwhile and the caller should start over.
   */
  private OAuthToken lead(Plan plan, Key key) {
    try (RefreshLock.Lease ignored = acquire(plan)) {
      long now = clock.millis();
      OAuthToken current = plan.refresh
          ? store.findTokenById(plan.token.id()).orElse(null)
          : store.findToken(plan.token).orElse(null);
      if (current != null && usable(current, now)) {
        remember(key, current, refreshAt(current));
        return current;
      }
      if (plan.refresh && current == null) {
        throw notStored(plan.token);
      }
      if (!plan.refresh && current != null) {
        return null;
      }
      checkCooldown(plan.refresh ? Plan.refresh(current) : plan, now);
      OAuthToken fresh = plan.refresh ? refresh(current) : exchange(plan.token);
      remember(key, fresh, freshRefreshAt(fresh, clock.millis()));
      return fresh;
    }
  }

  private OAuthToken refresh(OAuthToken current) {
    if (current.refreshToken() == null) {
      throw new OAuthException("re-authorization needed for " + who(current) + ": the stored token has "
          + "no refresh token and its access token has expired — authorize again with offline access",
          null, Kind.REAUTHORIZE, null);
    }
    try {
      return saveRefreshed(current, endpoint.refresh(current));
    } catch (OAuthException e) {
      if (!e.requiresReauthorization()) {
        throw failed(current, e);
      }
      // Another process may have stored a newer refresh token (a rotation) meanwhile.
      OAuthToken latest = store.findTokenById(current.id()).orElse(null);
      if (latest != null && usable(latest, clock.millis())) {
        return latest;
      }
      if (latest == null || latest.refreshToken() == null || latest.refreshToken().equals(current.refreshToken())) {
        throw failed(current, e);
      }
      log.info("refresh of {} refused with {}; another process stored a newer refresh token, trying it",
          who(current), e.providerCode());
      try {
        return saveRefreshed(latest, endpoint.refresh(latest));
      } catch (OAuthException again) {
        throw failed(latest, again);
      }
    }
  }

  /** Stores a refresh answer over {@code current}; the new refresh token, if any, goes in too. */
  private OAuthToken saveRefreshed(OAuthToken current, OAuthToken answer) {
    OAuthToken saved = store.saveToken(StoreRules.merge(current, answer));
    rejected.remove(saved.id());
    failures.remove(Plan.refreshKey(saved.id()));
    log.debug("refreshed {}: access token {} valid until {}", who(saved), saved.accessToken(), saved.expiresAt());
    listener.refreshed(current, saved);
    return saved;
  }

  /** Exchanges a grant code and stores the result; the grant's own user name wins. */
  private OAuthToken exchange(OAuthToken grant) {
    OAuthToken answer;
    try {
      answer = endpoint.exchangeCode(grant);
    } catch (OAuthException e) {
      OAuthException error = new OAuthException("authorization of " + who(grant) + " failed: " + e.getMessage()
          + "; nothing was stored", e.providerCode(), e.kind(), e);
      if (!e.isTransient()) {
        failures.put(Plan.exchange(grant).key,
            new Failure(grant.grantToken(), clock.millis() + cooldownMillis, error));
      }
      throw error;
    }
    if (grant.userName() != null) {
      answer = answer.withUserName(grant.userName());
    }
    OAuthToken token = StoreRules.merge(grant, answer);
    if (token.userName() == null) {
      token = withLookedUpUser(token);
    }
    OAuthToken saved = store.saveToken(token);
    forget(saved.id());
    log.debug("stored new token of {}: access token {} valid until {}", who(saved), saved.accessToken(), saved.expiresAt());
    listener.saved(saved);
    return saved;
  }

  private OAuthToken withLookedUpUser(OAuthToken token) {
    OAuthProvider provider = endpoint.provider();
    if (!provider.userLookup() || !provider.isZoho()) {
      return token;
    }
    try {
      return endpoint.zohoUserEmail(token).map(token::withUserName).orElse(token);
    } catch (OAuthException e) {
      log.warn("could not look up the Zoho user of a new token of client {}: {}; it is stored without a user name",
          shortClient(token), e.getMessage());
      return token;
    }
  }

  private RefreshLock.Lease acquire(Plan plan) {
    try {
      return lock.tryAcquire(plan.key, lockWait, lockLease)
          .orElseThrow(() -> new OAuthException(who(plan.token) + ": the refresh lock was held elsewhere for "
              + lockWait.toMillis() + " ms; try again (a crashed holder's lease ends within "
              + lockLease.toMillis() + " ms)", null, Kind.TRANSIENT, null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OAuthException(who(plan.token) + ": interrupted while waiting for the refresh lock",
          null, Kind.TRANSIENT, e);
    }
  }

  /** Throws the remembered failure while it is fresh and concerns the same grant or refresh token. */
  private void checkCooldown(Plan plan, long now) {
    Failure f = failures.get(plan.key);
    if (f == null) {
      return;
    }
    if (now < f.untilMillis && Objects.equals(f.grant, plan.grant)) {
      throw new OAuthException(f.error.getMessage() + " (remembered for " + (f.untilMillis - now)
          + " ms more; the provider is not asked again before then)", f.error.providerCode(), f.error.kind(), f.error);
    }
    failures.remove(plan.key, f);
  }

  /** The caller's error for a failed refresh; a failure for good is remembered for the cooldown. */
  private OAuthException failed(OAuthToken token, OAuthException e) {
    OAuthException error = e.requiresReauthorization()
        ? new OAuthException("re-authorization needed for " + who(token) + ": " + e.getMessage()
            + "; the stored token is unchanged" + loginHint(token), e.providerCode(), e.kind(), e)
        : new OAuthException("refresh of " + who(token) + " failed: " + e.getMessage()
            + "; the stored token is unchanged", e.providerCode(), e.kind(), e);
    if (!e.isTransient()) {
      failures.put(Plan.refreshKey(token.id()), new Failure(token.refreshToken(), clock.millis() + cooldownMillis, error));
    }
    log.warn("{}", error.getMessage());
    listener.refreshFailed(token, error);
    return error;
  }

  private OAuthException notStored(OAuthToken selector) {
    return new OAuthException("no token is stored for " + who(selector) + "; authorize first"
        + loginHint(selector) + ", or pass the grant token in the selector", null, Kind.REAUTHORIZE, null);
  }

  private boolean usable(OAuthToken t, long now) {
    return t.accessToken() != null && t.expiresAt() != null && now < refreshAt(t)
        && !t.accessToken().equals(rejected.get(t.id()));
  }

  private long refreshAt(OAuthToken t) {
    return t.expiresAt().toEpochMilli() - skewMillis;
  }

  /**
   * When to refresh a token just obtained: as any other, unless its whole life is shorter than
   * twice the skew (a provider of short-lived tokens), when it is kept for half of it rather than
   * refreshed on every call.
   */
  private long freshRefreshAt(OAuthToken t, long now) {
    return t.expiresAt() == null ? now : Math.max(refreshAt(t), now + (t.expiresAt().toEpochMilli() - now) / 2);
  }

  private Secret remember(Key key, OAuthToken token, long refreshAtMillis) {
    if (key != null && token.id() != null) {
      snapshots.put(key, new Snapshot(token.id(), token.accessToken(), refreshAtMillis));
    }
    return token.accessToken();
  }

  private void forget(String id) {
    snapshots.values().removeIf(s -> s.id().equals(id));
    rejected.remove(id);
    failures.remove(Plan.refreshKey(id));
  }

  private static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof OAuthException) {
      OAuthException e = (OAuthException) cause;
      return new OAuthException(e.getMessage(), e.providerCode(), e.kind(), e);
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
  }

  private static String who(OAuthToken t) {
    String client = t.clientId() == null ? "" : " (client " + shortClient(t) + ")";
    if (t.userName() != null) {
      return "user " + t.userName() + client;
    }
    return (t.id() != null ? "token " + t.id() : "the token") + client;
  }

  private static String shortClient(OAuthToken t) {
    return t.clientId() == null ? "(none)" : StoreRules.shorten(t.clientId());
  }

  private static String loginHint(OAuthToken t) {
    return t.userName() == null ? "" : " (tokenkeep login --user " + t.userName() + ")";
  }

  /** The hot path's answer for one selector: an access token and when to stop trusting it. */
  private record Snapshot(String id, Secret accessToken, long refreshAtMillis) {}

  /** A refresh or exchange that failed for good, and until when to answer with it. */
  private record Failure(Secret grant, long untilMillis, OAuthException error) {}

  /**
   * A selector reduced to the fields its matching rule reads, for the snapshot map. A plain class
   * with its hash computed once, so that the JIT can keep the hot path's key off the heap.
   */
  private static final class Key {
    private final StoreRules.Match match;
    private final String name;
    private final String client;
    private final Secret secret;
    private final int hash;

    private Key(StoreRules.Match match, String name, String client, Secret secret) {
      this.match = match;
      this.name = name;
      this.client = client;
      this.secret = secret;
      this.hash = 31 * (31 * (31 * match.ordinal() + Objects.hashCode(name)) + Objects.hashCode(client))
          + Objects.hashCode(secret);
    }

    static Key of(OAuthToken s) {
      StoreRules.Match m = StoreRules.matchFor(s);
      switch (m) {
        case BY_USER:
          return new Key(m, s.userName(), s.clientId(), null);
        case BY_ACCESS_TOKEN:
          return new Key(m, null, null, s.accessToken());
        case BY_GRANT_TOKEN:
          return new Key(m, null, s.clientId(), s.grantToken());
        case BY_REFRESH_TOKEN:
          return new Key(m, null, s.clientId(), s.refreshToken());
        default:
          return new Key(m, null, null, null);
      }
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return hash == k.hash && match == k.match && Objects.equals(name, k.name)
          && Objects.equals(client, k.client) && Objects.equals(secret, k.secret);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * What one flight does: refresh a stored token (keyed by its id) or exchange a grant code
   * (keyed by a hash of client and code, which never leaves this process in clear).
   */
  private static final class Plan {
    final String key;
    final boolean refresh;
    final OAuthToken token;
    final Secret grant;

    private Plan(String key, boolean refresh, OAuthToken token, Secret grant) {
      this.key = key;
      this.refresh = refresh;
      this.token = token;
      this.grant = grant;
    }

    static Plan refresh(OAuthToken stored) {
      return new Plan(refreshKey(stored.id()), true, stored, stored.refreshToken());
    }

    static String refreshKey(String id) {
      return "refresh-" + id;
    }

    static Plan exchange(OAuthToken selector) {
      if (selector.grantToken() == null || selector.clientId() == null) {
        throw new OAuthException("no token is stored for " + who(selector) + "; authorize first"
            + loginHint(selector) + ", or pass a client id and grant token in the selector",
            null, Kind.REAUTHORIZE, null);
      }
      return new Plan("grant-" + digest(selector.clientId() + "\n" + selector.grantToken().reveal()),
          false, selector, selector.grantToken());
    }

    private static String digest(String text) {
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 12);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
  }

  /** Settings of a {@link TokenManager}; every one but the store and provider has a default. */
  public static final class Builder {
    private final TokenStore store;
    private final TokenEndpoint.Builder endpoint;
    private Clock clock = Clock.systemUTC();
    private Duration refreshSkew = Duration.ofSeconds(60);
    private Duration failureCooldown = Duration.ofSeconds(30);
    private Duration refreshLockWait = Duration.ofSeconds(65);
    private Duration refreshLockLease = Duration.ofSeconds(60);
    private RefreshLock refreshLock;
    private TokenListener listener = TokenListener.NONE;

    private Builder(TokenStore store, OAuthProvider provider) {
      this.store = Objects.requireNonNull(store, "store");
      this.endpoint = TokenEndpoint.builder(provider);
    }

    /** The clock for expiry and cooldowns; default the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      endpoint.clock(clock);
      return this;
    }

    /** Refresh this long before expiry, 0 to 10 minutes; default 60 s. */
    public Builder refreshSkew(Duration refreshSkew) {
      Objects.requireNonNull(refreshSkew, "refreshSkew");
      if (refreshSkew.isNegative() || refreshSkew.compareTo(MAX_SKEW) > 0) {
        throw new IllegalArgumentException("refreshSkew must be between 0 and 10 minutes: got " + refreshSkew);
      }
      this.refreshSkew = refreshSkew;
      return this;
    }

    /** How long to wait for a connection to the provider; default 5 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      endpoint.connectTimeout(connectTimeout);
      return this;
    }

    /** How long one whole request to the provider may take; default 15 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      endpoint.requestTimeout(requestTimeout);
      return this;
    }

    /**
     * Tries each provider request up to {@code maxAttempts} times (1 to 10) with exponential
     * backoff and jitter from {@code firstBackoff} to {@code maxBackoff}; default 3, 500 ms, 5 s.
     */
    public Builder retries(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
      endpoint.retries(maxAttempts, firstBackoff, maxBackoff);
      return this;
    }

    /** How long a failure for good is answered from memory; default 30 s, zero to turn it off. */
    public Builder failureCooldown(Duration failureCooldown) {
      this.failureCooldown = notNegative(failureCooldown, "failureCooldown");
      return this;
    }

    /** How long a caller waits for another process's refresh (the store's lock); default 65 s. */
    public Builder refreshLockWait(Duration refreshLockWait) {
      this.refreshLockWait = notNegative(refreshLockWait, "refreshLockWait");
      return this;
    }

    /**
     * How long a refresh lock holder that died blocks others; default 60 s. Must cover the
     * longest refresh: every attempt with its timeout and backoff.
     */
    public Builder refreshLockLease(Duration refreshLockLease) {
      this.refreshLockLease = notNegative(refreshLockLease, "refreshLockLease");
      return this;
    }

    /** The lock that serialises refreshes; default the store's own ({@link RefreshLock#of}). */
    public Builder refreshLock(RefreshLock refreshLock) {
      this.refreshLock = Objects.requireNonNull(refreshLock, "refreshLock");
      return this;
    }

    /** Hears saves, refreshes, failures and revocations; default {@link TokenListener#NONE}. */
    public Builder listener(TokenListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The manager.
     *
     * @throws IllegalArgumentException when the lease is shorter than the longest refresh
     */
    public TokenManager build() {
      Duration longest = endpoint.worstCase();
      if (refreshLockLease.compareTo(longest) < 0) {
        throw new IllegalArgumentException("refreshLockLease " + refreshLockLease + " is shorter than the longest "
            + "refresh (every attempt with its request timeout and backoff: " + longest + "); raise the lease "
            + "or lower the timeouts and retries");
      }
      return new TokenManager(this);
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: got " + d);
      }
      return d;
    }
  }
}
