package dev.tokenkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proves that a store's refresh lock makes processes refresh a token exactly once per expiry:
 * several JVMs, each with many threads, ask for one expired token through one shared store,
 * against a {@link ZohoTestServer} that counts refresh requests. And that a lock holder killed
 * with SIGKILL in the middle of a refresh blocks the others at most for its lease.
 *
 * <p>Extend it and return a URI naming a fresh, empty store from {@link #newStoreUri()}; the
 * store's module must be on the test class path, which the child JVMs share. A store that is not
 * shared between processes (such as {@code memory:}) overrides {@link #sharedBetweenProcesses()}
 * with false: each JVM then refreshes once on its own, which still proves the harness.
 *
 * <pre>{@code
 * class FileStoreCrossProcessTest extends CrossProcessRefreshContract {
 *   @TempDir Path dir;
 *   @Override protected String newStoreUri() { return "file:" + dir.resolve("tokens.csv"); }
 * }
 * }</pre>
 */
public abstract class CrossProcessRefreshContract {
  static final String USER = "storm@example.com";
  static final String CLIENT_ID = "1000.STORMCLIENTAAAAAAAAAAAAAAAAAAAA";
  static final String CLIENT_SECRET = "storm-client-secret-0123456789abcdef";
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration STEP = Duration.ofSeconds(30);
  private static final int JVMS = 4;
  private static final int THREADS = 16;

  private final List<ChildJvm> children = new ArrayList<>();
  private ZohoTestServer server;
  private String uri;

  /** A URI naming a new, empty store that processes can share. Called once per test. */
  protected abstract String newStoreUri() throws Exception;

  /** Whether processes opening the same URI share one store; false for in-process stores. */
  protected boolean sharedBetweenProcesses() {
    return true;
  }

  /**
   * The refresh lock lease the processes use; a killed holder blocks others at most this long.
   * At least 9 s: each process gives a refresh 2 attempts of up to 4 s.
   */
  protected Duration refreshLockLease() {
    return Duration.ofSeconds(10);
  }

  /** Drops what {@link #newStoreUri()} created (a table, a file); the default does nothing. */
  protected void dropStore(String uri) throws Exception {}

  @BeforeEach
  void startServer() throws Exception {
    server = ZohoTestServer.start().addClient(CLIENT_ID, CLIENT_SECRET);
    uri = newStoreUri();
  }

  @AfterEach
  void stopAll() throws Exception {
    try {
      for (ChildJvm child : children) {
        child.close();
      }
    } finally {
      server.close();
      dropStore(uri);
    }
  }

  @Test
  @Timeout(180)
  void fourJvmsSixteenThreads_oneRefreshPerExpiry() throws Exception {
    String refreshToken = seed();
    server.holdRefreshes();
    List<ChildJvm> storm = new ArrayList<>();
    for (int i = 0; i < JVMS; i++) {
      storm.add(launch(THREADS, refreshToken));
    }
    for (ChildJvm child : storm) {
      assertThat(child.await("READY", START)).as(child::describe).isTrue();
    }
    for (ChildJvm child : storm) {
      child.send("GO");
    }
    for (ChildJvm child : storm) {
      assertThat(child.await("CALLING", STEP)).as(child::describe).isTrue();
    }
    assertThat(server.awaitRefreshes(1, STEP)).as("a refresh request arrives").isTrue();
    server.releaseRefreshes();
    List<String> hashes = new ArrayList<>();
    for (ChildJvm child : storm) {
      assertThat(child.await("DONE", START)).as(child::describe).isTrue();
      hashes.addAll(tokens(child));
    }

    int expected = sharedBetweenProcesses() ? 1 : JVMS;
    System.out.printf("FIGURE cross-process storm on %s: %d JVMs x %d threads -> %d refresh request(s)%n",
        TokenStores.redact(uri), JVMS, THREADS, server.refreshCount());
    assertThat(hashes).hasSize(JVMS * THREADS);
    assertThat(server.refreshCount()).as("refresh requests at the server").isEqualTo(expected);
    assertThat(new LinkedHashSet<>(hashes)).as("distinct access tokens handed out").hasSize(expected);
    if (sharedBetweenProcesses()) {
      assertThat(hashes).containsOnly(storedAccessHash());
    }
  }

  @Test
  @Timeout(180)
  void lockHolderKilled_anotherProcessRefreshesAfterLease() throws Exception {
    String refreshToken = seed();
    server.holdRefreshes();
    ChildJvm holder = launch(1, refreshToken);
    assertThat(holder.await("READY", START)).as(holder::describe).isTrue();
    holder.send("GO");
    assertThat(server.awaitRefreshes(1, STEP)).as("the holder's refresh arrives; " + holder.describe()).isTrue();
    holder.kill();
    server.releaseRefreshes();

    ChildJvm next = launch(4, refreshToken);
    assertThat(next.await("READY", START)).as(next::describe).isTrue();
    next.send("GO");
    Duration bound = refreshLockLease().plus(START);
    assertThat(next.await("DONE", bound)).as("the next process finishes; " + next.describe()).isTrue();

    List<String> hashes = tokens(next);
    System.out.printf("FIGURE killed lock holder on %s: refresh requests %d (the killed one and the next)%n",
        TokenStores.redact(uri), server.refreshCount());
    assertThat(hashes).hasSize(4);
    assertThat(new LinkedHashSet<>(hashes)).hasSize(1);
    assertThat(server.refreshCount()).isEqualTo(2);
    if (sharedBetweenProcesses()) {
      assertThat(hashes).containsOnly(storedAccessHash());
    }
  }

  /** Stores an expired token for the storm; returns its refresh token. */
  private String seed() {
    String refreshToken = server.issueRefreshToken(CLIENT_ID, USER);
    try (TokenStore store = TokenStores.open(uri)) {
      store.saveToken(RefreshStormChild.seed(selector(), CLIENT_SECRET, refreshToken));
    }
    return refreshToken;
  }

  private ChildJvm launch(int threads, String refreshToken) throws Exception {
    long lease = refreshLockLease().toMillis();
    ChildJvm child = ChildJvm.start(
        RefreshStormChild.class,
        List.of("store=" + uri, "accounts=" + server.url(), "user=" + USER, "client=" + CLIENT_ID,
            "threads=" + threads, "leaseMs=" + lease, "waitMs=" + (lease + STEP.toMillis()), "timeoutMs=4000"),
        Map.of(RefreshStormChild.SECRET_ENV, CLIENT_SECRET, RefreshStormChild.REFRESH_ENV, refreshToken));
    children.add(child);
    return child;
  }

  /** The hashes the child's threads printed; fails on any error line. */
  private static List<String> tokens(ChildJvm child) {
    List<String> hashes = new ArrayList<>();
    for (String line : child.lines()) {
      assertThat(line).as(child::describe).doesNotStartWith("ERROR");
      if (line.startsWith("TOKEN ")) {
        hashes.add(line.substring("TOKEN ".length()));
      }
    }
    return hashes;
  }

  private String storedAccessHash() throws Exception {
    try (TokenStore store = TokenStores.open(uri)) {
      OAuthToken stored = store.findToken(selector()).orElseThrow();
      return RefreshStormChild.hash(stored.accessToken());
    }
  }

  private static OAuthToken selector() {
    return OAuthToken.builder().userName(USER).clientId(CLIENT_ID).build();
  }
}
