package dev.tokenkeep.jdbc;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.store.RefreshLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The second process of the multi-process tests. Modes (the store's URI comes first):
 * <ul>
 *   <li>{@code upsert URI THREADS USERS ROUNDS}: every thread saves every user every round;
 *   <li>{@code lock URI THREADS TIMES MARKER}: every thread takes the refresh lock TIMES times and,
 *       holding it, creates MARKER (failing if it exists: two holders), increments a counter token
 *       and removes MARKER;
 *   <li>{@code hold URI LEASE_MILLIS}: takes the refresh lock, prints HELD, and waits to be killed;
 *   <li>{@code crash URI USERS}: saves the users in turn, round after round, printing {@code SAVED
 *       USER ROUND} after each save returns, until it is killed.
 * </ul>
 * Exits 0 when done, 2 when it saw two holders, 1 on any other failure.
 */
public final class Child {
  static final String CLIENT = "1000.MULTIPROCESS";
  static final String LOCK_KEY = "refresh:alice@example.com";
  static final String COUNTER_USER = "counter@example.com";

  private Child() {}

  public static void main(String[] args) throws Exception {
    try (TokenStore store = TokenStores.open(args[1])) {
      switch (args[0]) {
        case "upsert":
          upsert(store, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
          break;
        case "crash":
          crash(store, Integer.parseInt(args[2]));
          break;
        case "lock":
          lock(store, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
          break;
        default:
          hold(store, Long.parseLong(args[2]));
      }
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(e instanceof FileAlreadyExistsException ? 2 : 1);
    }
    System.out.println("DONE");
    System.exit(0);
  }

  static OAuthToken version(String user, String tag) {
    return OAuthToken.builder().userName(user).clientId(CLIENT).clientSecret("secret")
        .refreshToken("1000.refresh." + user).accessToken("1000.access." + tag).build();
  }

  private static void upsert(TokenStore store, int threads, int users, int rounds) throws Exception {
    String pid = Long.toString(ProcessHandle.current().pid());
    runThreads(threads, t -> {
      for (int r = 0; r < rounds; r++) {
        for (int u = 0; u < users; u++) {
          store.saveToken(version("user" + u + "@example.com", pid + "." + t + "." + r));
        }
      }
    });
  }

  private static void lock(TokenStore store, int threads, int times, Path marker) throws Exception {
    RefreshLock lock = RefreshLock.of(store);
    runThreads(threads, t -> {
      for (int i = 0; i < times; i++) {
        try (RefreshLock.Lease lease = lock.tryAcquire(LOCK_KEY, Duration.ofSeconds(60), Duration.ofSeconds(30))
            .orElseThrow(() -> new IllegalStateException("lock not taken in 60 s"))) {
          Files.createFile(marker);
          // A read, then a write from what was read: two holders at once would lose an increment.
          OAuthToken counter = store.findToken(OAuthToken.builder().userName(COUNTER_USER).build()).orElseThrow();
          long next = Long.parseLong(counter.accessToken().reveal()) + 1;
          store.saveToken(OAuthToken.builder().userName(COUNTER_USER).accessToken(Long.toString(next)).build());
          Files.delete(marker);
        }
      }
    });
  }

  private static void hold(TokenStore store, long leaseMillis) throws Exception {
    RefreshLock.Lease lease = RefreshLock.of(store)
        .tryAcquire(LOCK_KEY, Duration.ofSeconds(30), Duration.ofMillis(leaseMillis))
        .orElseThrow(() -> new IllegalStateException("lock not taken in 30 s"));
    System.out.println("HELD");
    System.out.flush();
    System.in.read(); // the test kills this process while it waits here
    lease.close();
  }

  private static void crash(TokenStore store, int users) {
    for (int round = 0; round < 1_000_000; round++) {
      for (int u = 0; u < users; u++) {
        store.saveToken(version("user" + u + "@example.com", Integer.toString(round)));
        System.out.println("SAVED user" + u + "@example.com " + round);
        System.out.flush();
      }
    }
  }

  private interface Body {
    void run(int thread) throws Exception;
  }

  private static void runThreads(int threads, Body body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          body.run(thread);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw (Exception) e.getCause();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
