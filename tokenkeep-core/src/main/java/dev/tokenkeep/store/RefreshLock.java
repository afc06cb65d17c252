package dev.tokenkeep.store;

import dev.tokenkeep.TokenStore;
import java.time.Duration;
import java.util.Optional;

/**
 * A named mutual-exclusion lock that a store may offer so that one token is refreshed by one
 * holder at a time, across every thread, and across processes for stores shared by processes.
 *
 * <h2>Guarantees</h2>
 *
 * At most one live {@link Lease} exists per key. A holder that dies (its process killed, its
 * connection lost) stops blocking others at the latest when its lease time runs out. A store that
 * is shared by processes implements this interface with its own locking (a file lock, a database
 * lock); others get {@link #inProcess()}.
 */
public interface RefreshLock {

  /**
   * Takes the lock for {@code key}, waiting at most {@code wait}; empty when another holder kept
   * it that long. The lease lasts at most {@code lease} for other processes.
   */
  Optional<Lease> tryAcquire(String key, Duration wait, Duration lease) throws InterruptedException;

  /** A held lock; closing it releases it. Closing twice is harmless. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /** A new lock that coordinates the threads of this process only. */
  static RefreshLock inProcess() {
    return new InProcessRefreshLock();
  }

  /** The lock {@code store} offers, or a new in-process lock when it offers none. */
  static RefreshLock of(TokenStore store) {
    return store instanceof RefreshLock ? (RefreshLock) store : inProcess();
  }
}
