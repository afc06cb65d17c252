package dev.tokenkeep.jdbc;

import dev.tokenkeep.store.RefreshLock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The store's {@link RefreshLock}: one holder per key across every thread and process that
 * uses the table, by the database's own locking. Waiting polls, backing off from 10 ms to
 * 100 ms, through a {@link Sleeper}.
 */
abstract class DatabaseLock implements RefreshLock, AutoCloseable {
  private static final Duration FIRST_POLL = Duration.ofMillis(10);
  private static final Duration LONGEST_POLL = Duration.ofMillis(100);

  final Database db;
  final String table;
  private final Sleeper sleeper;

  DatabaseLock(Database db, String table, Sleeper sleeper) {
    this.db = db;
    this.table = table;
    this.sleeper = sleeper;
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration wait, Duration lease) throws InterruptedException {
    Objects.requireNonNull(key, "key");
    if (wait.isNegative()) {
      throw new IllegalArgumentException("wait must not be negative: got " + wait);
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive: got " + lease);
    }
    byte[] digest = digest(table + "\n" + key);
    Duration left = wait;
    Duration poll = FIRST_POLL;
    while (true) {
      Lease held = tryOnce(digest, lease);
      if (held != null) {
        return Optional.of(held);
      }
      if (left.isZero() || left.isNegative()) {
        return Optional.empty();
      }
      Duration nap = poll.compareTo(left) < 0 ? poll : left;
      sleeper.sleep(nap);
      left = left.minus(nap);
      poll = poll.multipliedBy(2).compareTo(LONGEST_POLL) < 0 ? poll.multipliedBy(2) : LONGEST_POLL;
    }
  }

  /** Takes the lock named by {@code digest} if it is free; null when another holder has it. */
  abstract Lease tryOnce(byte[] digest, Duration lease);

  @Override
  public void close() {}

  /** SHA-256 of {@code text}: a fixed-size lock name, whatever the key holds. */
  static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  static String hex(byte[] bytes, int count) {
    StringBuilder s = new StringBuilder(count * 2);
    for (int i = 0; i < count; i++) {
      s.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
    }
    return s.toString();
  }
}
