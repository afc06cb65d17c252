package dev.tokenkeep.bench;

import dev.tokenkeep.OAuthToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The data every store benchmark shares, TokenKeep's and the peers': {@code N} tokens of users
 * {@code user1@example.com} to {@code userN@example.com} (id {@code n}), one client, and the
 * folder the file-backed stores live in. Same shape, same sizes, same keys for everyone.
 */
final class Fixture {
  static final String CLIENT_ID = "1000.BENCHCLIENTAAAAAAAAAAAAAAAAAAAAA";
  static final String CLIENT_SECRET = "bench-client-secret-0123456789";
  static final String REDIRECT_URL = "https://app.example.com/oauth/callback";
  static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");
  /** Keys are drawn from a fixed sequence of this many, so that picking one costs an array read. */
  static final int KEYS = 4096;

  private Fixture() {}

  static String user(long n) {
    return "user" + n + "@example.com";
  }

  static String refreshToken(long n) {
    return "1000.refresh." + n + ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  }

  static String accessToken(long n, long round) {
    return "1000.access." + n + "." + round + ".bbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  }

  /** The stored token of user {@code n}, as every store is filled with. */
  static OAuthToken token(long n) {
    return OAuthToken.builder().id(Long.toString(n)).userName(user(n)).clientId(CLIENT_ID)
        .clientSecret(CLIENT_SECRET).refreshToken(refreshToken(n)).accessToken(accessToken(n, 0))
        .expiresAt(EXPIRES).redirectUrl(REDIRECT_URL).apiDomain("https://www.zohoapis.com").build();
  }

  /** A fixed, seeded sequence of users 1..tokens, the same for every store and peer. */
  static int[] keys(int tokens) {
    SplittableRandom random = new SplittableRandom(42);
    int[] keys = new int[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = random.nextInt(tokens) + 1;
    }
    return keys;
  }

  /**
   * Where file-backed stores (file, SQLite, H2, Google's file data store) live: {@code
   * TOKENKEEP_BENCH_DIR}, which {@code bench/run} creates and removes, or a temporary folder.
   */
  static Path dir() {
    String dir = System.getenv("TOKENKEEP_BENCH_DIR");
    try {
      Path path = dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "tokenkeep-bench");
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("bench: cannot create the folder for stores; set TOKENKEEP_BENCH_DIR", e);
    }
  }
}
