package dev.tokenkeep.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.store.RefreshLock;
import dev.tokenkeep.store.RefreshLock.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's refresh lock: one holder per key across handles; leases end. (Killed holders: CrossProcessTest.) */
class RefreshLockTest {
  private static final Duration NO_WAIT = Duration.ZERO;
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @TempDir Path folder;

  @Test
  void tryAcquire_sameKeyFromTwoHandles_oneHolderAtATime() throws Exception {
    try (FileTokenStore a = open(); FileTokenStore b = open()) {
      Lease held = a.tryAcquire("alice", NO_WAIT, MINUTE).orElseThrow();
      assertThat(b.tryAcquire("alice", Duration.ofMillis(50), MINUTE)).isEmpty();
      assertThat(a.tryAcquire("alice", NO_WAIT, MINUTE)).as("also within one handle").isEmpty();
      held.close();
      held.close();
      b.tryAcquire("alice", NO_WAIT, MINUTE).orElseThrow().close();
    }
  }

  @Test
  void tryAcquire_otherKey_isIndependent() throws Exception {
    try (FileTokenStore a = open(); FileTokenStore b = open()) {
      try (Lease alice = a.tryAcquire("alice", NO_WAIT, MINUTE).orElseThrow()) {
        assertThat(b.tryAcquire("bob", NO_WAIT, MINUTE)).isPresent();
      }
    }
  }

  @Test
  void tryAcquire_waitingForAHolder_getsItWhenReleased() throws Exception {
    try (FileTokenStore a = open(); FileTokenStore b = open()) {
      Lease held = a.tryAcquire("alice", NO_WAIT, MINUTE).orElseThrow();
      CompletableFuture<Optional<Lease>> waiter = CompletableFuture.supplyAsync(() -> {
        try {
          return b.tryAcquire("alice", Duration.ofSeconds(30), MINUTE);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      held.close();
      assertThat(waiter.get(30, TimeUnit.SECONDS)).isPresent();
    }
  }

  @Test
  void tryAcquire_holderOutlivesItsLease_othersGetTheLock() throws Exception {
    try (FileTokenStore a = open(); FileTokenStore b = open()) {
      Lease short_ = a.tryAcquire("alice", NO_WAIT, Duration.ofMillis(100)).orElseThrow();
      Optional<Lease> next = b.tryAcquire("alice", Duration.ofSeconds(30), MINUTE);
      assertThat(next).as("the holder's own process ended its lease").isPresent();
      short_.close(); // late, and harmless
      assertThat(a.tryAcquire("alice", NO_WAIT, MINUTE)).as("the new holder keeps it").isEmpty();
      next.get().close();
    }
  }

  @Test
  void close_store_endsItsLeases() throws Exception {
    try (FileTokenStore b = open()) {
      FileTokenStore a = open();
      a.tryAcquire("alice", NO_WAIT, MINUTE).orElseThrow();
      a.close();
      assertThat(b.tryAcquire("alice", NO_WAIT, MINUTE)).isPresent();
    }
  }

  @Test
  void refreshLockOf_fileStore_isTheStoreItself() {
    try (FileTokenStore a = open()) {
      assertThat(RefreshLock.of(a)).isSameAs(a);
      assertThatThrownBy(() -> a.tryAcquire("alice", NO_WAIT, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("lease must be positive: got PT0S");
    }
  }

  private FileTokenStore open() {
    return FileTokenStore.open(folder.resolve("tokens.csv"));
  }
}
