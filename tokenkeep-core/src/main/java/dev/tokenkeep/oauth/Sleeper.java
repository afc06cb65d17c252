package dev.tokenkeep.oauth;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between retries; tests replace it to record the waits instead of sleeping. */
@FunctionalInterface
interface Sleeper {
  /** Sleeps on the calling thread. */
  Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  void sleep(Duration duration) throws InterruptedException;
}
