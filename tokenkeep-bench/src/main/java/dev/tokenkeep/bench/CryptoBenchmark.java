package dev.tokenkeep.bench;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.crypto.EncryptingTokenStore;
import dev.tokenkeep.crypto.Keyset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The cost of encryption at rest: {@code findToken} (by user, and by access token, which encrypts
 * the query) and {@code saveToken} (an update of one user's token) on the same store with and
 * without an {@link EncryptingTokenStore}, holding 1,000 tokens.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CryptoBenchmark {
  private static final int TOKENS = 1_000;
  private static final String CLIENT = "1000.BENCHCLIENTAAAAAAAAAAAAAAAAAAAAA";

  /** The inner store: {@code memory} or {@code sqlite} (a file in a temporary folder). */
  @Param({"memory", "sqlite"})
  public String store;

  /** {@code plain}, or {@code encrypted} with a one-key keyset. */
  @Param({"plain", "encrypted"})
  public String secrets;

  private Path folder;
  private TokenStore tokens;
  private OAuthToken byUser;
  private OAuthToken byAccessToken;
  private OAuthToken update;

  @Setup
  public void setUp() throws IOException {
    folder = Files.createTempDirectory("tokenkeep-bench");
    TokenStore inner = TokenStores.open(store.equals("memory") ? "memory:" : "sqlite:" + folder.resolve("tokens.db"));
    tokens = secrets.equals("plain") ? inner : EncryptingTokenStore.wrap(inner, Keyset.create(folder.resolve("keyset.json")));
    Instant expiry = Instant.now().plusSeconds(3600);
    for (int i = 0; i < TOKENS; i++) {
      tokens.saveToken(OAuthToken.builder().userName("user" + i + "@example.com").clientId(CLIENT)
          .clientSecret("bench-client-secret-0123456789")
          .refreshToken("1000.bench.refresh.token." + i + ".0123456789abcdef")
          .accessToken("1000.bench.access.token." + i + ".0123456789abcdef")
          .expiresAt(expiry).build());
    }
    int middle = TOKENS / 2;
    byUser = OAuthToken.builder().userName("user" + middle + "@example.com").clientId(CLIENT).build();
    byAccessToken = OAuthToken.builder().accessToken("1000.bench.access.token." + middle + ".0123456789abcdef").build();
    update = byUser.toBuilder().accessToken("1000.bench.access.token.updated.0123456789abcdef").expiresAt(expiry).build();
  }

  @TearDown
  public void tearDown() throws IOException {
    tokens.close();
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public Optional<OAuthToken> findTokenByUser() {
    return tokens.findToken(byUser);
  }

  @Benchmark
  public Optional<OAuthToken> findTokenByAccessToken() {
    return tokens.findToken(byAccessToken);
  }

  @Benchmark
  public OAuthToken saveToken() {
    return tokens.saveToken(update);
  }
}
