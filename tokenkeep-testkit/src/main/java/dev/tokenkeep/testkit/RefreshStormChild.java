package dev.tokenkeep.testkit;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import dev.tokenkeep.TokenManager;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.oauth.OAuthProvider;
import dev.tokenkeep.oauth.ZohoDataCenter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One process of a cross-process refresh storm, started by {@link CrossProcessRefreshContract}:
 * opens the store by URI, seeds an expired token when the store has none, and on {@code GO}
 * from standard input lets its threads ask for the token at once.
 *
 * <p>Arguments are {@code key=value}: {@code store}, {@code accounts} (the Zoho test server's
 * URL), {@code user}, {@code client}, {@code threads}, {@code leaseMs}, {@code waitMs}, {@code
 * timeoutMs}. The client secret and refresh token come from the environment ({@value #SECRET_ENV},
 * {@value #REFRESH_ENV}), never from the command line. Standard output, one line each: {@code
 * READY}, {@code CALLING} when the threads start, then per thread {@code TOKEN <hash>} (a SHA-256
 * prefix of the access token, not the token) or {@code ERROR <message>}, then {@code DONE}.
 */
final class RefreshStormChild {
  static final String SECRET_ENV = "TOKENKEEP_STORM_CLIENT_SECRET";
  static final String REFRESH_ENV = "TOKENKEEP_STORM_REFRESH_TOKEN";

  private RefreshStormChild() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int threads = Integer.parseInt(a.get("threads"));
    Duration timeout = Duration.ofMillis(Long.parseLong(a.get("timeoutMs")));
    OAuthToken selector = OAuthToken.builder().userName(a.get("user")).clientId(a.get("client")).build();
    try (TokenStore store = TokenStores.open(a.get("store"))) {
      if (store.findToken(selector).isEmpty()) {
        store.saveToken(seed(selector, System.getenv(SECRET_ENV), System.getenv(REFRESH_ENV)));
      }
      TokenManager manager =
          TokenManager.builder(store, OAuthProvider.zoho(ZohoDataCenter.US)
                  .withAccountsServer(ZohoDataCenter.US, URI.create(a.get("accounts"))))
              .requestTimeout(timeout)
              .retries(2, Duration.ofMillis(100), Duration.ofMillis(200))
              .refreshLockLease(Duration.ofMillis(Long.parseLong(a.get("leaseMs"))))
              .refreshLockWait(Duration.ofMillis(Long.parseLong(a.get("waitMs"))))
              .build();
      System.out.println("READY");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (!"GO".equals(in.readLine())) {
        System.out.println("ERROR no GO on standard input");
        return;
      }
      for (String line : storm(manager, selector, threads)) {
        System.out.println(line);
      }
      System.out.println("DONE");
    }
  }

  private static List<String> storm(TokenManager manager, OAuthToken selector, int threads) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads, () -> System.out.println("CALLING"));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          try {
            return "TOKEN " + hash(manager.accessToken(selector));
          } catch (RuntimeException e) {
            return "ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage();
          }
        }));
      }
      List<String> lines = new ArrayList<>();
      for (Future<String> f : results) {
        lines.add(f.get(120, TimeUnit.SECONDS));
      }
      return lines;
    } finally {
      pool.shutdownNow();
    }
  }

  /** An expired token holding what a refresh needs. */
  static OAuthToken seed(OAuthToken selector, String clientSecret, String refreshToken) {
    return selector.toBuilder()
        .clientSecret(clientSecret)
        .refreshToken(refreshToken)
        .accessToken("1000.expired.access")
        .expiresAt(Instant.ofEpochMilli(1_000_000L))
        .build();
  }

  /** A short SHA-256 prefix that tells tokens apart without showing them. */
  static String hash(Secret token) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, 8);
  }
}
