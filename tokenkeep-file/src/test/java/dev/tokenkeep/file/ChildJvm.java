package dev.tokenkeep.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link Child} on this test's class path, with its output lines queued.
 * Close it in a finally block: closing kills it.
 */
final class ChildJvm implements AutoCloseable {
  private static final String END = "\u0000end";
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readLines, "child " + process.pid() + " output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code Child} with {@code args}. */
  static ChildJvm start(String... args) throws IOException {
    // Under surefire java.class.path is the real test class path, not its manifest-only jar.
    String classPath = System.getProperty("java.class.path");
    if (!classPath.contains("tokenkeep")) {
      throw new IllegalStateException("java.class.path does not hold the test classes: " + classPath);
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx64m",
        "-cp", classPath, Child.class.getName()));
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }

  private void readLines() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the child died; what it wrote before is queued
    } finally {
      lines.add(END);
    }
  }

  /** The next line the child wrote; fails after {@code seconds}, or when it ended. */
  String nextLine(int seconds) throws InterruptedException {
    String line = lines.poll(seconds, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("child " + process.pid() + " wrote nothing for " + seconds + " s");
    }
    if (line.equals(END)) {
      lines.add(END);
      throw new AssertionError("child " + process.pid() + " ended: exit " + process.waitFor());
    }
    return line;
  }

  /** Waits for the line {@code expected}, skipping others; returns the ones skipped. */
  List<String> awaitLine(String expected, int seconds) throws InterruptedException {
    List<String> skipped = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (String line = nextLine(seconds); !line.equals(expected); line = nextLine(seconds)) {
      skipped.add(line);
      if (System.nanoTime() > deadline) {
        throw new AssertionError("child " + process.pid() + " did not write '" + expected + "' in " + seconds + " s");
      }
    }
    return skipped;
  }

  /** Sends a line to the child's input. */
  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Kills the child with SIGKILL, waits for it to die, and returns every line it wrote since the last read. */
  List<String> kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("child " + process.pid() + " survived SIGKILL for 30 s");
    }
    return drain();
  }

  /** Waits at most {@code seconds} for the child to exit; returns its exit code. */
  int waitFor(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("child " + process.pid() + " did not finish in " + seconds + " s");
    }
    return process.exitValue();
  }

  /** The lines written and not read yet, once the child's output has ended. */
  List<String> drain() throws InterruptedException {
    List<String> rest = new ArrayList<>();
    for (String line = lines.poll(30, TimeUnit.SECONDS); line != null && !line.equals(END);
        line = lines.poll(30, TimeUnit.SECONDS)) {
      rest.add(line);
    }
    lines.add(END);
    return rest;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
