package dev.tokenkeep.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told: "expires in 120 s; advance 61 s; exactly one refresh".
 * Millisecond precision, like the stores. Thread-safe: every thread sees every advance.
 */
public final class MutableClock extends Clock {
  private final AtomicLong millis;
  private final ZoneId zone;

  private MutableClock(AtomicLong millis, ZoneId zone) {
    this.millis = millis;
    this.zone = zone;
  }

  /** A clock in UTC showing {@code start}. */
  public static MutableClock at(Instant start) {
    return new MutableClock(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
  }

  /** Moves the clock forward by {@code duration} (backward when negative). */
  public void advance(Duration duration) {
    millis.addAndGet(duration.toMillis());
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    millis.set(instant.toEpochMilli());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone that moves with this clock. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new MutableClock(millis, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "MutableClock[" + instant() + "]";
  }
}
