package dev.tokenkeep.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from this one's class path, talked to by lines on standard input and output.
 * Every wait is bounded; {@link #close()} kills it if it still runs.
 */
final class ChildJvm implements AutoCloseable {
  private static final String EOF = "\u0000EOF";

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final Path stderr;

  private ChildJvm(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::pump, "child-jvm-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code mainClass} with {@code args} and extra environment variables, on the class
   * path of this JVM (under Surefire, {@code java.class.path} is the test class path).
   */
  static ChildJvm start(Class<?> mainClass, List<String> args, Map<String, String> env) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(args);
    Path stderr = Files.createTempFile("tokenkeep-child-", ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
    pb.environment().putAll(env);
    return new ChildJvm(pb.start(), stderr);
  }

  long pid() {
    return process.pid();
  }

  /** Sends one line to the child's standard input. */
  void send(String line) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
  }

  /** Waits for the line {@code expected}; false when the child ended or {@code timeout} passed first. */
  boolean await(String expected, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(EOF)) {
        if (line != null) {
          lines.add(EOF);
        }
        return false;
      }
      seen.add(line);
      if (line.equals(expected)) {
        return true;
      }
    }
  }

  /** Every line read so far by {@link #await}. */
  List<String> lines() {
    return List.copyOf(seen);
  }

  /** Kills the child at once (SIGKILL on Unix) and waits for it to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** What the child wrote and its error output, for a failure message. */
  String describe() {
    String err;
    try {
      err = Files.readString(stderr);
    } catch (IOException e) {
      err = "(standard error unreadable: " + e.getMessage() + ")";
    }
    return "child " + process.pid() + " printed " + seen + (err.isBlank() ? "" : "; standard error:\n" + err);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      kill();
    }
    Files.deleteIfExists(stderr);
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
      }
    } catch (IOException ignored) {
      // The child died; EOF below tells the waiters.
    } finally {
      lines.add(EOF);
    }
  }
}
