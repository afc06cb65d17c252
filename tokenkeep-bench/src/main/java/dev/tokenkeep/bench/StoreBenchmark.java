package dev.tokenkeep.bench;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.file.FileTokenStore;
import dev.tokenkeep.jdbc.JdbcTokenStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * TokenKeep's stores holding {@code tokens} tokens: find by user and client, find by id, save as
 * an update of a stored token, and save as an insert (then delete, which keeps the store at its
 * size; the delete is part of the cost, as it is in the peers' insert benchmarks). Keys come
 * from {@link Fixture#keys}, the same sequence the peers use. Persistent stores are filled once
 * per run and size and reused by every benchmark, see {@link Stores}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StoreBenchmark {
  @Param({"memory", "file", "sqlite", "h2", "mariadb", "postgresql"})
  public String store;

  @Param({"1000", "10000", "100000"})
  public int tokens;

  private TokenStore tokenStore;
  private OAuthToken[] queries;
  private String[] ids;
  private int[] keys;
  private int next;
  private long round;

  @Setup
  public void setUp() throws Exception {
    tokenStore = open(store, tokens);
    keys = Fixture.keys(tokens);
    queries = new OAuthToken[keys.length];
    ids = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      queries[i] = OAuthToken.builder().userName(Fixture.user(keys[i])).clientId(Fixture.CLIENT_ID).build();
      ids[i] = Integer.toString(keys[i]);
    }
    if (tokenStore.findTokenById(Integer.toString(tokens)).isEmpty()) {
      throw new IllegalStateException("bench: " + store + " holds no token " + tokens + " after filling");
    }
  }

  @TearDown
  public void tearDown() {
    tokenStore.close();
  }

  private int key() {
    next = (next + 1) & (Fixture.KEYS - 1);
    return next;
  }

  /** {@code findToken} by user name and client id, what {@code TokenManager} asks. */
  @Benchmark
  public Optional<OAuthToken> findByUser() {
    return tokenStore.findToken(queries[key()]);
  }

  @Benchmark
  public Optional<OAuthToken> findById() {
    return tokenStore.findTokenById(ids[key()]);
  }

  /** {@code saveToken} of a refreshed access token for a stored user, matched by user and client. */
  @Benchmark
  public OAuthToken update() {
    int n = keys[key()];
    round++;
    return tokenStore.saveToken(OAuthToken.builder().userName(Fixture.user(n)).clientId(Fixture.CLIENT_ID)
        .accessToken(Fixture.accessToken(n, round)).expiresAt(Fixture.EXPIRES.plusSeconds(round)).build());
  }

  /** {@code saveToken} of a new user's token, then {@code deleteToken} of it. */
  @Benchmark
  public boolean insert() {
    round++;
    OAuthToken saved = tokenStore.saveToken(Fixture.token(round).toBuilder().id(null)
        .userName("new" + round + "@example.com").build());
    return tokenStore.deleteToken(saved.id());
  }

  /** Opens {@code kind} holding tokens 1..{@code tokens}; filled when it does not yet hold them. */
  static TokenStore open(String kind, int tokens) throws Exception {
    switch (kind) {
      case "memory":
        TokenStore memory = TokenStores.open("memory:");
        for (int n = 1; n <= tokens; n++) {
          memory.saveToken(Fixture.token(n));
        }
        return memory;
      case "file":
        return FileTokenStore.open(Stores.csvFile(tokens));
      default:
        String url = Stores.jdbcUrl(kind, tokens);
        JdbcTokenStore jdbc = JdbcTokenStore.builder().url(url).build();
        Stores.fillTokenTable(url, jdbc, tokens);
        return jdbc;
    }
  }
}
