package dev.tokenkeep.bench;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import dev.tokenkeep.TokenManager;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.oauth.OAuthProvider;
import dev.tokenkeep.oauth.ZohoDataCenter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hot path of {@link TokenManager#accessToken} for a token valid for long: what every API
 * call of an application pays. No provider is ever called; the store is read once, in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessTokenBenchmark {
  private TokenManager manager;
  private OAuthToken selector;

  @Setup
  public void setUp() {
    String client = "1000.BENCHCLIENTAAAAAAAAAAAAAAAAAAAAA";
    selector = OAuthToken.builder().userName("alice@example.com").clientId(client).build();
    TokenStore store = TokenStores.open("memory:");
    store.saveToken(selector.toBuilder()
        .clientSecret("bench-client-secret-0123456789")
        .refreshToken("1000.bench.refresh.token.0123456789abcdef")
        .accessToken("1000.bench.access.token.0123456789abcdef")
        .expiresAt(Instant.now().plus(Duration.ofDays(365)))
        .build());
    manager = TokenManager.builder(store, OAuthProvider.zoho(ZohoDataCenter.US)).build();
    manager.accessToken(selector);
  }

  @Benchmark
  public Secret accessTokenValid() {
    return manager.accessToken(selector);
  }
}
