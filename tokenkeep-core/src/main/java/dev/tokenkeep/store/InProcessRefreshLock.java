package dev.tokenkeep.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link RefreshLock} for the threads of one process: one permit per key. */
final class InProcessRefreshLock implements RefreshLock {
  // A semaphore, not a ReentrantLock: a lease may be closed by another thread than the taker.
  private final ConcurrentMap<String, Semaphore> permits = new ConcurrentHashMap<>();

  @Override
  public Optional<Lease> tryAcquire(String key, Duration wait, Duration lease)
      throws InterruptedException {
    Semaphore permit = permits.computeIfAbsent(key, k -> new Semaphore(1));
    if (!permit.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    AtomicBoolean released = new AtomicBoolean();
    return Optional.of(
        () -> {
          if (released.compareAndSet(false, true)) {
            permit.release();
          }
        });
  }
}
