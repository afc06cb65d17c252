package dev.tokenkeep.bench;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.testkit.ZohoTestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A refresh storm across processes: {@code jvms} JVMs ({@link StormChild}) of {@code threads}
 * threads each ask at once for the same expired token through one shared store, against a
 * {@link ZohoTestServer} that counts refresh requests. Round 0 runs in fresh JVMs (cold); rounds
 * 1..{@code rounds} repeat it with another user each, in the now warm JVMs. Each round must cause
 * exactly one refresh request and hand every caller the same token; otherwise exits with 1.
 *
 * <p>Usage: {@code RefreshStorm <out.tsv> <jvms> <threads> <rounds> <store>...}, stores among
 * {@code file sqlite mariadb postgresql}. Appends one line per store to {@code out.tsv}: store,
 * jvms, threads, warm rounds, refresh requests per round, cold p50 and p99, warm p50 and p99 (ms).
 */
public final class RefreshStorm {
  private static final String CLIENT_ID = "1000.STORMCLIENTAAAAAAAAAAAAAAAAAAAA";
  private static final String CLIENT_SECRET = "storm-client-secret-0123456789abcdef";
  private static final long WAIT_SECONDS = 90;

  private RefreshStorm() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int jvms = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    boolean ok = true;
    for (String store : Arrays.copyOfRange(args, 4, args.length)) {
      String line;
      try {
        line = storm(store, jvms, threads, rounds);
      } catch (Exception e) {
        System.err.println("storm on " + store + " failed: " + e);
        line = String.join("\t", store, Integer.toString(jvms), Integer.toString(threads), Integer.toString(rounds),
            "-", "-", "-", "-", "-", "FAILED");
      }
      System.out.println(line.replace('\t', ' '));
      Files.writeString(out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      ok &= !line.contains("FAILED");
    }
    System.exit(ok ? 0 : 1);
  }

  private static String storm(String kind, int jvms, int threads, int rounds) throws Exception {
    String uri = uri(kind);
    List<Child> children = new ArrayList<>();
    try (ZohoTestServer server = ZohoTestServer.start().addClient(CLIENT_ID, CLIENT_SECRET)) {
      try (TokenStore store = TokenStores.open(uri)) {
        store.deleteTokens();
        for (int r = 0; r <= rounds; r++) {
          store.saveToken(OAuthToken.builder().userName(user(r)).clientId(CLIENT_ID).clientSecret(CLIENT_SECRET)
              .refreshToken(server.issueRefreshToken(CLIENT_ID, user(r))).accessToken("1000.expired.access")
              .expiresAt(Instant.ofEpochMilli(1_000_000L)).build());
        }
      }
      for (int i = 0; i < jvms; i++) {
        children.add(new Child(uri, server.url().toString(), threads));
      }
      for (Child child : children) {
        child.await("READY");
      }
      List<Integer> refreshes = new ArrayList<>();
      List<Long> cold = new ArrayList<>();
      List<Long> warm = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (int r = 0; r <= rounds; r++) {
        int before = server.refreshCount();
        for (Child child : children) {
          child.send("GO " + user(r));
        }
        Set<String> hashes = new HashSet<>();
        for (Child child : children) {
          for (String line : child.await("DONE")) {
            if (line.startsWith("LAT ")) {
              String[] parts = line.split(" ");
              (r == 0 ? cold : warm).add(Long.parseLong(parts[1]));
              hashes.add(parts[2]);
            } else if (line.startsWith("ERROR")) {
              problems.add("round " + r + ": " + line);
            }
          }
        }
        refreshes.add(server.refreshCount() - before);
        if (hashes.size() != 1) {
          problems.add("round " + r + ": " + hashes.size() + " distinct access tokens handed out");
        }
      }
      boolean once = refreshes.stream().allMatch(n -> n == 1);
      if (!once) {
        problems.add("refresh requests per round " + refreshes + ", expected 1 each");
      }
      for (String problem : problems) {
        System.err.println("storm on " + kind + ": " + problem);
      }
      return String.join("\t", kind, Integer.toString(jvms), Integer.toString(threads), Integer.toString(rounds),
          refreshes.toString().replace(" ", ""), ms(cold, 50), ms(cold, 99), ms(warm, 50), ms(warm, 99),
          problems.isEmpty() ? "ok" : "FAILED");
    } finally {
      for (Child child : children) {
        child.close();
      }
      drop(kind);
    }
  }

  private static String user(int round) {
    return "storm" + round + "@example.com";
  }

  private static String uri(String kind) throws Exception {
    switch (kind) {
      case "file":
        return "file:" + Fixture.dir().resolve("storm.csv").toAbsolutePath();
      case "sqlite":
        return "sqlite:" + Fixture.dir().resolve("storm.db").toAbsolutePath();
      default:
        return Databases.of(kind).scratch("storm");
    }
  }

  private static void drop(String kind) throws Exception {
    if (kind.equals("file") || kind.equals("sqlite")) {
      try (var files = Files.list(Fixture.dir())) {
        for (Path p : (Iterable<Path>) files::iterator) {
          if (p.getFileName().toString().startsWith("storm.")) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  /** The {@code q}th percentile, in milliseconds, of {@code nanos} (nearest rank). */
  private static String ms(List<Long> nanos, int q) {
    if (nanos.isEmpty()) {
      return "-";
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    int rank = (int) Math.ceil(q / 100.0 * sorted.length);
    return String.format(Locale.ROOT, "%.2f", sorted[Math.max(0, rank - 1)] / 1e6);
  }

  /** A StormChild process, talked to by lines; every wait bounded, killed on close. */
  private static final class Child implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Child(String uri, String accounts, int threads) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      process = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-cp", System.getProperty("java.class.path"), StormChild.class.getName(), uri, accounts, CLIENT_ID,
          Integer.toString(threads))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread pump = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add("ERROR output lost: " + e.getMessage());
        } finally {
          lines.add("EOF");
        }
      });
      pump.setDaemon(true);
      pump.start();
    }

    void send(String line) throws IOException {
      stdin.write(line + "\n");
      stdin.flush();
    }

    /** The lines up to {@code marker}; fails when the child ends or is silent for too long first. */
    List<String> await(String marker) throws InterruptedException {
      List<String> seen = new ArrayList<>();
      while (true) {
        String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (line == null || line.equals("EOF")) {
          throw new IllegalStateException("storm child " + process.pid() + " ended or went silent before "
              + marker + "; it printed " + seen);
        }
        if (line.equals(marker)) {
          return seen;
        }
        seen.add(line);
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
