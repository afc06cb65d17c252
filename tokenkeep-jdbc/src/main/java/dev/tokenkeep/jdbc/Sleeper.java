package dev.tokenkeep.jdbc;

import java.time.Duration;

/** Waits between polls of a lock; tests replace it to poll without waiting. */
interface Sleeper {
  /** Sleeps on the thread for real. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
