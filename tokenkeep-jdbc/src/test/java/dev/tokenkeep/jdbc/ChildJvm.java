package dev.tokenkeep.jdbc;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A second JVM running {@link Child} on the test's own class path; output goes to a file. */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path output;

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code Child} with {@code args}, writing its output into {@code folder}. */
  static ChildJvm start(Path folder, String... args) throws IOException {
    // Under surefire java.class.path is the real test class path, even with a manifest-only jar.
    String classPath = System.getProperty("java.class.path");
    if (classPath.split(File.pathSeparator).length < 3) {
      throw new IllegalStateException("java.class.path looks like a launcher jar, not the test class path: " + classPath);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(classPath);
    command.add(Child.class.getName());
    command.addAll(List.of(args));
    Path output = Files.createTempFile(folder, "child", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    return new ChildJvm(process, output);
  }

  /** Waits for the child to end, at most {@code seconds}; its exit code. */
  int waitFor(long seconds) throws InterruptedException, IOException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("child did not end within " + seconds + " s; output:\n" + output());
    }
    return process.exitValue();
  }

  /** Waits until the child prints {@code line}, at most {@code seconds}; fails if it ends first. */
  void awaitLine(String line, long seconds) throws Exception {
    awaitLines(line, 1, seconds);
  }

  /** Waits until the child printed {@code count} lines starting with {@code prefix}. */
  void awaitLines(String prefix, int count, long seconds) throws Exception {
    String line = count + " lines starting " + prefix;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (output().lines().filter(l -> l.startsWith(prefix)).count() >= count) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("child ended before printing " + line + "; output:\n" + output());
      }
      Thread.sleep(20); // awaiting a real process
    }
    throw new IllegalStateException("child did not print " + line + " within " + seconds + " s; output:\n" + output());
  }

  /** Kills the child with SIGKILL and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** What the child printed so far, the last line possibly cut short. */
  String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
