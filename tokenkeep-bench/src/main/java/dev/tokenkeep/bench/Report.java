package dev.tokenkeep.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes {@code RESULTS.md} and the chart from one run of {@code bench/run}: the JMH JSON files,
 * the storm lines and the run's facts ({@code run.properties}: start, duration, load, settings)
 * in the results folder. Usage: {@code Report <results folder> <RESULTS.md> <chart.svg>}.
 */
public final class Report {
  private static final List<String> STORES = List.of("memory", "file", "sqlite", "h2", "mariadb", "postgresql");
  private static final List<String> OPERATIONS = List.of("findByUser", "findById", "update", "insert");
  private static final Map<String, String> OPERATION_NAMES = Map.of(
      "findByUser", "find by user", "findById", "find by id", "update", "save (update)", "insert", "save (insert) + delete");
  private static final Map<String, String> PEER_CALLS = Map.of(
      Result.SPRING + " findByUser", "loadAuthorizedClient", Result.SPRING + " update", "saveAuthorizedClient (stored principal)",
      Result.SPRING + " insert", "saveAuthorizedClient (new principal) + removeAuthorizedClient",
      Result.GOOGLE + " findByUser", "DataStore.get", Result.GOOGLE + " update", "DataStore.set (stored user)",
      Result.GOOGLE + " insert", "DataStore.set (new user) + delete");

  private Report() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<Result> results = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path json : files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList())) {
        results.addAll(Result.read(json));
      }
    }
    Properties run = new Properties();
    try (var in = Files.newBufferedReader(dir.resolve("run.properties"))) {
      run.load(in);
    }
    List<String> storm = Files.exists(dir.resolve("storm.tsv")) ? Files.readAllLines(dir.resolve("storm.tsv")) : List.of();
    Path chart = Path.of(args[2]);
    Files.writeString(chart, Chart.svg(results));
    Files.writeString(Path.of(args[1]), markdown(results, storm, run, chart.getFileName().toString()));
  }

  private static String markdown(List<Result> results, List<String> storm, Properties run, String chart) {
    StringBuilder md = new StringBuilder();
    md.append("# TokenKeep benchmarks: stores, peers, refresh storm\n\n")
        .append("Written by `bench/run` from the run of ").append(run.getProperty("started"))
        .append(" (").append(run.getProperty("seconds")).append(" s); do not edit by hand, run it again.\n\n");
    machine(md, run);
    peers(md, results);
    operations(md, results);
    storm(md, storm);
    md.append("## Cost against the number of tokens\n\n![ns per operation against tokens stored, log scales](")
        .append(chart).append(")\n\n");
    notes(md);
    return md.toString();
  }

  private static void machine(StringBuilder md, Properties run) {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    md.append("## Machine and settings\n\n| | |\n|---|---|\n");
    row(md, "CPU", Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel());
    row(md, "Memory", String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    row(md, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    row(md, "Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    for (Databases d : Databases.values()) {
      String version;
      try {
        version = d.version();
      } catch (Exception e) {
        version = "unreachable";
      }
      row(md, d == Databases.MARIADB ? "MariaDB" : "PostgreSQL", version + " on 127.0.0.1, default configuration");
    }
    row(md, "SQLite", query("jdbc:sqlite::memory:", "SELECT sqlite_version()") + " (sqlite-jdbc)");
    row(md, "H2", query("jdbc:h2:mem:version", "SELECT H2VERSION()") + ", file database (`jdbc:h2:file:`)");
    row(md, "Libraries", versions());
    row(md, "Files (file, SQLite, H2, Google's file store)", run.getProperty("files"));
    row(md, "JMH", run.getProperty("jmh"));
    row(md, "Load average (1, 5, 15 min)", "before the run " + run.getProperty("load_before") + "; after it "
        + run.getProperty("load_after"));
    row(md, "Other work on the machine", run.getProperty("others"));
    md.append('\n');
  }

  private static void peers(StringBuilder md, List<Result> results) {
    md.append("## TokenKeep against its peers\n\nSame database or folder, same number of tokens, same keys, one "
        + "thread. Ratio = TokenKeep's time / the peer's time: below 1 TokenKeep is faster, above 1 it is **behind**.\n\n")
        .append("| operation | store | tokens | TokenKeep | peer (call) | peer | TokenKeep/peer | verdict |\n")
        .append("|---|---|---:|---:|---|---:|---:|---|\n");
    int ahead = 0;
    int behind = 0;
    for (Result peer : sorted(results.stream().filter(r -> !r.library().equals(Result.TOKENKEEP)))) {
      Optional<Result> ours = results.stream().filter(r -> r.library().equals(Result.TOKENKEEP)
          && r.store().equals(peer.store()) && r.operation().equals(peer.operation()) && r.tokens() == peer.tokens()).findFirst();
      if (ours.isEmpty()) {
        continue;
      }
      double ratio = ours.get().nanos() / peer.nanos();
      String verdict = ratio <= 1 ? String.format(Locale.ROOT, "TokenKeep ahead, %.1f× faster", 1 / ratio)
          : String.format(Locale.ROOT, "**TokenKeep behind, %.1f× slower**", ratio);
      if (overlap(ours.get(), peer)) {
        verdict += " (error bars overlap)";
      }
      if (ratio <= 1) {
        ahead++;
      } else {
        behind++;
      }
      md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s: %s | %s | %.2f | %s |%n",
          OPERATION_NAMES.get(peer.operation()), peer.store(), peer.tokens(), time(ours.get().nanos()), peer.library(),
          PEER_CALLS.get(peer.library() + " " + peer.operation()), time(peer.nanos()), ratio, verdict));
    }
    md.append(String.format(Locale.ROOT, "%nTokenKeep is ahead in %d of %d comparisons and behind in %d.%n%n",
        ahead, ahead + behind, behind));
  }

  /** Whether the two results' confidence intervals overlap, so that the order may be noise. */
  private static boolean overlap(Result a, Result b) {
    return a.nanos() - a.error() <= b.nanos() + b.error() && b.nanos() - b.error() <= a.nanos() + a.error();
  }

  private static void operations(StringBuilder md, List<Result> results) {
    md.append("## Every operation, store and size\n\nAverage time per operation (JMH `avgt`, ± the 99.9% "
        + "confidence half-width JMH reports), and the throughput of one thread that follows from it.\n\n")
        .append("| library | operation | store | tokens | time/op | ± | ops/s |\n|---|---|---|---:|---:|---:|---:|\n");
    for (Result r : sorted(results.stream())) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %s | %s | %,.0f |%n", r.library(),
          OPERATION_NAMES.getOrDefault(r.operation(), r.operation().equals("accessTokenValid")
              ? "TokenManager.accessToken(), valid token" : r.operation()),
          r.store(), r.tokens(), time(r.nanos()), r.error() > 0 ? time(r.error()) : "–", r.throughput()));
    }
    md.append('\n');
  }

  private static void storm(StringBuilder md, List<String> storm) {
    md.append("## Refresh storm across processes\n\nK JVMs × T threads ask at once for the same expired token "
        + "through one shared store, against a loopback Zoho accounts server (`ZohoTestServer`) that counts refresh "
        + "requests. Round 0 runs in freshly started JVMs (cold: class loading, JIT); the warm rounds repeat it "
        + "with another user's expired token in the same JVMs. Latency is from the moment a thread is released to "
        + "the moment it holds the token.\n\n")
        .append("| store | JVMs × threads | warm rounds | refresh requests per round (must be 1) | cold p50 | cold p99 "
            + "| warm p50 | warm p99 | result |\n|---|---|---:|---|---:|---:|---:|---:|---|\n");
    for (String line : storm) {
      String[] f = line.split("\t");
      md.append(String.format(Locale.ROOT, "| %s | %s × %s | %s | %s | %s ms | %s ms | %s ms | %s ms | %s |%n",
          f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]));
    }
    md.append('\n');
  }

  private static void notes(StringBuilder md) {
    md.append("## How it was measured\n\n")
        .append("- The machine was shared: see the load average above (2 cores). Error bars are JMH's 99.9% ")
        .append("confidence half-widths over few iterations, so they are wide; a ratio whose error bars overlap ")
        .append("says the two may be level, and ratios within about 1.5× of 1 should be read that way.\n")
        .append("- One thread, `Mode.AverageTime`; every store and peer gets the same users (`userN@example.com`, ")
        .append("one client), the same 4,096-entry seeded key sequence, and its own database (or file) per size.\n")
        .append("- Stores are filled in bulk before measuring (one batch insert, or one file written), as a migration ")
        .append("would; the fill is not measured. Databases are analysed after the fill.\n")
        .append("- *insert* saves a new user's token and deletes it again, so a store stays at its size for the next ")
        .append("benchmark; the peers do the same (save + remove, set + delete).\n")
        .append("- TokenKeep's file store writes a temporary file, fsyncs it, renames it over the data file and ")
        .append("fsyncs the folder on every save, under a lock file shared between processes. Google's ")
        .append("`FileDataStore` writes the serialized map straight over its file, with neither fsync, rename nor ")
        .append("lock: cheaper, but a crash mid-write can lose every credential, and two processes overwrite each ")
        .append("other. The ratios on `file` compare those two designs, not just code.\n")
        .append("- TokenKeep's JDBC save runs in a transaction that reads, applies the save rules (one token per ")
        .append("user and client, merge of absent values) and writes; Spring's `saveAuthorizedClient` is a select ")
        .append("then an update or insert, without a transaction. Both use a HikariCP pool with default settings.\n")
        .append("- The storm's latency includes the refresh over HTTP on loopback, the store write and, for ")
        .append("other processes, waiting for the cross-process refresh lock to be released.\n");
  }

  private static List<Result> sorted(Stream<Result> results) {
    return results.sorted(Comparator.comparing((Result r) -> r.library().equals(Result.TOKENKEEP) ? 0 : 1)
            .thenComparing(Result::library)
            .thenComparingInt(r -> OPERATIONS.indexOf(r.operation()))
            .thenComparingInt(r -> STORES.indexOf(r.store()))
            .thenComparingInt(Result::tokens))
        .collect(Collectors.toList());
  }

  /** A duration in the unit that keeps it readable. */
  static String time(double nanos) {
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.1f ns", nanos);
    } else if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
    }
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }

  private static void row(StringBuilder md, String key, String value) {
    md.append("| ").append(key).append(" | ").append(value).append(" |\n");
  }

  private static String query(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    } catch (Exception e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String versions() {
    Properties p = new Properties();
    try (var in = Report.class.getResourceAsStream("versions.properties")) {
      p.load(in);
    } catch (IOException | NullPointerException e) {
      return "unknown (versions.properties missing from the jar)";
    }
    return "spring-security-oauth2-client " + p.getProperty("spring-security") + " with spring-jdbc "
        + p.getProperty("spring-framework") + "; google-oauth-client " + p.getProperty("google-oauth-client")
        + "; HikariCP " + p.getProperty("hikaricp");
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("model unknown");
    } catch (IOException e) {
      return "model unknown";
    }
  }
}
