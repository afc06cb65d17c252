package dev.tokenkeep.bench;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One process of {@link RefreshStorm}: like the testkit's storm child, but it times each caller
 * and serves several rounds. Arguments: store URI, accounts server URL, client id, threads.
 * Standard input: {@code GO <user>} starts a round in which every thread asks at once for that
 * user's token; {@code EXIT} ends. Standard output: {@code READY}, then per round one {@code LAT
 * <nanos> <hash>} line per thread (a SHA-256 prefix of the access token, never the token) or
 * {@code ERROR <message>}, and {@code DONE}.
 */
final class StormChild {
  private StormChild() {}

  public static void main(String[] args) throws Exception {
    String client = args[2];
    int threads = Integer.parseInt(args[3]);
    try (TokenStore store = TokenStores.open(args[0])) {
      TokenManager manager = TokenManager.builder(store, OAuthProvider.zoho(ZohoDataCenter.US)
              .withAccountsServer(ZohoDataCenter.US, URI.create(args[1])))
          .requestTimeout(Duration.ofSeconds(4))
          .retries(2, Duration.ofMillis(100), Duration.ofMillis(200))
          .refreshLockLease(Duration.ofSeconds(10))
          .refreshLockWait(Duration.ofSeconds(30))
          .build();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && line.startsWith("GO "); line = in.readLine()) {
          OAuthToken selector = OAuthToken.builder().userName(line.substring(3)).clientId(client).build();
          for (String result : round(pool, manager, selector, threads)) {
            System.out.println(result);
          }
          System.out.println("DONE");
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static List<String> round(ExecutorService pool, TokenManager manager, OAuthToken selector, int threads)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(pool.submit(() -> {
        start.await(30, TimeUnit.SECONDS);
        long begin = System.nanoTime();
        try {
          Secret token = manager.accessToken(selector);
          return "LAT " + (System.nanoTime() - begin) + " " + hash(token);
        } catch (RuntimeException e) {
          return "ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
      }));
    }
    List<String> lines = new ArrayList<>();
    for (Future<String> f : results) {
      lines.add(f.get(90, TimeUnit.SECONDS));
    }
    return lines;
  }

  private static String hash(Secret token) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, 8);
  }
}
