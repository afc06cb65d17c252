package dev.tokenkeep.file;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.store.RefreshLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The program the cross-process tests run in child JVMs. It reports on stdout, one line per
 * event, ending acknowledgements with " ." so that a line cut by a kill is never taken for one.
 */
final class Child {
  private static final PrintStream OUT = new PrintStream(System.out, false, StandardCharsets.UTF_8);
  private static final long SAFETY_MILLIS = 120_000; // a child the test forgot still ends

  private Child() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    FileStoreOptions patient = FileStoreOptions.builder().lockTimeout(Duration.ofSeconds(60)).build();
    long start = System.currentTimeMillis();
    try (FileTokenStore store = FileTokenStore.open(file, patient)) {
      switch (args[0]) {
        case "saveLoop": // saveLoop FILE ROUND: saves until killed
          say("ready");
          long base = Long.parseLong(args[2]) * 1_000_000L;
          for (long i = 0; System.currentTimeMillis() - start < SAFETY_MILLIS; i++) {
            String user = "u" + (i % 40) + "@example.com";
            store.saveToken(token(user, "a-" + (base + i)));
            say("saved " + user + " " + (base + i) + " .");
          }
          break;
        case "users": // users FILE PREFIX COUNT: waits for "go", then saves COUNT distinct users
          say("ready");
          awaitGo();
          for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            store.saveToken(token(args[2] + "-" + i + "@example.com", "a-" + args[2] + "-" + i));
          }
          say("done");
          break;
        case "sameUser": // sameUser FILE TAG COUNT: waits for "go", then updates one user COUNT times
          say("ready");
          awaitGo();
          for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            store.saveToken(token("alice@example.com", args[2] + "-" + i));
          }
          say("done");
          break;
        case "hold": // hold FILE KEY: holds the write lock and a refresh lease until killed
          LockFile lock = LockFile.open(file.resolveSibling(file.getFileName() + ".lock"), 2);
          Optional<LockFile.Held> write = lock.tryLock(0, Duration.ofSeconds(30));
          Optional<RefreshLock.Lease> lease = store.tryAcquire(args[2], Duration.ofSeconds(30), Duration.ofHours(1));
          say(write.isPresent() && lease.isPresent() ? "held" : "not held");
          Thread.sleep(SAFETY_MILLIS);
          break;
        default:
          throw new IllegalArgumentException("unknown mode " + args[0]);
      }
    }
  }

  /** A token whose secrets all carry {@code tag}, so a mixed row would show. */
  static OAuthToken token(String user, String tag) {
    return OAuthToken.builder()
        .userName(user)
        .clientId("1000.CLIENTAAAAAAAAAAAAAAAAAAAAAA")
        .clientSecret("secret-" + tag)
        .refreshToken("refresh-" + tag)
        .accessToken(tag)
        .expiresAtMillis(1_893_463_200_000L)
        .apiDomain("https://www.zohoapis.com")
        .build();
  }

  private static void say(String line) {
    OUT.println(line);
    OUT.flush();
  }

  private static void awaitGo() throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (!"go".equals(line)) {
      throw new IllegalStateException("expected go, got " + line);
    }
  }
}
