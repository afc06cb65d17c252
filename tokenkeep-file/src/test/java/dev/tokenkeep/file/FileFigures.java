package dev.tokenkeep.file;

import dev.tokenkeep.OAuthToken;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Prints the file store's figures (issue 3) at 10,000 tokens or the count given: {@code
 * findToken} by user p50, {@code saveToken} update p50, the file's size, and what reading the
 * file after another handle's save costs. Run by {@code scripts/figures-file}; figures, not a test.
 */
public final class FileFigures {
  private static final int FIND_CALLS = 200_000;
  private static final int SAVES = 200;
  private static final int RELOADS = 30;

  private FileFigures() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path folder = Files.createTempDirectory("tokenkeep-figures");
    Path file = folder.resolve("tokens.csv");
    Random random = new Random(42);
    try {
      // One write of the whole file: saving the tokens one by one would rewrite it each time.
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
        List<OAuthToken> tokens = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
          tokens.add(token(random, i).withId(Integer.toString(i)));
        }
        CsvFormat.write(out, OAuthToken.COLUMNS, tokens);
      }
      try (FileTokenStore store = FileTokenStore.open(file);
          FileTokenStore other = FileTokenStore.open(file)) {
        long[] finds = new long[FIND_CALLS];
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
          for (int i = 0; i < FIND_CALLS; i++) {
            OAuthToken query = OAuthToken.builder().userName(user(1 + random.nextInt(count))).build();
            long start = System.nanoTime();
            OAuthToken found = store.findToken(query).orElseThrow();
            finds[i] = System.nanoTime() - start;
            if (found.id() == null) {
              throw new AssertionError(found);
            }
          }
        }
        long[] saves = new long[SAVES];
        for (int round = 0; round < 2; round++) {
          for (int i = 0; i < SAVES; i++) {
            OAuthToken update = token(random, 1 + random.nextInt(count));
            long start = System.nanoTime();
            store.saveToken(update);
            saves[i] = System.nanoTime() - start;
          }
        }
        long[] reloads = new long[RELOADS];
        for (int i = 0; i < RELOADS; i++) {
          store.saveToken(token(random, 1 + random.nextInt(count)));
          OAuthToken query = OAuthToken.builder().userName(user(1)).build();
          long start = System.nanoTime();
          other.findToken(query).orElseThrow();
          reloads[i] = System.nanoTime() - start;
        }
        long size = Files.size(file);
        System.out.printf(Locale.ROOT, "file store figures at %,d tokens (%s, Java %s, %d cores)%n", count,
            file.getFileSystem().provider().getScheme(), System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "findToken by user        p50 %s   p99 %s   (%,d calls)%n",
            time(finds, 50), time(finds, 99), FIND_CALLS);
        System.out.printf(Locale.ROOT, "saveToken update         p50 %s   p99 %s   (%,d saves, each rewrites and fsyncs the file)%n",
            time(saves, 50), time(saves, 99), SAVES);
        System.out.printf(Locale.ROOT, "findToken after another handle's save (reads the file)  p50 %s   (%d times)%n",
            time(reloads, 50), RELOADS);
        System.out.printf(Locale.ROOT, "file size                %,d bytes (%.0f bytes a token)%n", size, (double) size / count);
      }
    } finally {
      delete(folder);
    }
  }

  /** A token of Zoho's real sizes: 35-character client id, 70-character refresh and access tokens. */
  private static OAuthToken token(Random random, int user) {
    return OAuthToken.builder()
        .userName(user(user))
        .clientId("1000." + hex(random, 30).toUpperCase(Locale.ROOT))
        .clientSecret(hex(random, 42))
        .refreshToken("1000." + hex(random, 32) + "." + hex(random, 32))
        .accessToken("1000." + hex(random, 32) + "." + hex(random, 32))
        .expiresAtMillis(1_893_463_200_000L + random.nextInt(3_600_000))
        .redirectUrl("https://app.example.com/oauth/callback")
        .apiDomain("https://www.zohoapis.eu")
        .build();
  }

  private static String user(int i) {
    return "user" + i + "@example.com";
  }

  private static String hex(Random random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(Character.forDigit(random.nextInt(16), 16));
    }
    return s.toString();
  }

  private static String time(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    long value = sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
    return value >= 1_000_000
        ? String.format(Locale.ROOT, "%.2f ms", value / 1e6)
        : String.format(Locale.ROOT, "%.2f µs", value / 1e3);
  }

  private static void delete(Path folder) throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
