package dev.tokenkeep.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.store.RefreshLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The refresh lock within one process, on every database; across processes see MultiProcessTest. */
class RefreshLockTest {
  @RegisterExtension static final Databases DATABASES = new Databases();

  @ParameterizedTest
  @EnumSource(Databases.Kind.class)
  void tryAcquire_heldKey_emptyUntilReleased_otherKeysFree(Databases.Kind kind) throws Exception {
    try (JdbcTokenStore store = DATABASES.open(kind, Tables.next())) {
      assertThat(RefreshLock.of(store)).isSameAs(store);
      RefreshLock.Lease first = store.tryAcquire("alice", Duration.ZERO, Duration.ofMinutes(1)).orElseThrow();
      assertThat(store.tryAcquire("alice", Duration.ofMillis(50), Duration.ofMinutes(1))).isEmpty();
      Optional<RefreshLock.Lease> bob = store.tryAcquire("bob", Duration.ZERO, Duration.ofMinutes(1));
      assertThat(bob).isPresent();
      first.close();
      first.close();
      RefreshLock.Lease again = store.tryAcquire("alice", Duration.ZERO, Duration.ofMinutes(1)).orElseThrow();
      again.close();
      bob.get().close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "H2"})
  void leaseRow_expiredLease_takenOver_andOldHolderCannotFreeTheNewOne(Databases.Kind kind) throws Exception {
    TestClock clock = new TestClock();
    try (JdbcTokenStore store = JdbcTokenStore.builder().url(DATABASES.url(kind)).table(Tables.next())
        .clock(clock).build()) {
      RefreshLock.Lease dead = store.tryAcquire("alice", Duration.ZERO, Duration.ofSeconds(30)).orElseThrow();
      clock.advance(Duration.ofSeconds(29));
      assertThat(store.tryAcquire("alice", Duration.ZERO, Duration.ofSeconds(30))).as("lease not over yet").isEmpty();
      clock.advance(Duration.ofSeconds(1));
      RefreshLock.Lease next = store.tryAcquire("alice", Duration.ZERO, Duration.ofSeconds(30)).orElseThrow();
      dead.close();
      assertThat(store.tryAcquire("alice", Duration.ZERO, Duration.ofSeconds(30)))
          .as("closing an expired lease leaves the new holder's").isEmpty();
      next.close();
    }
  }

  @Test
  void tryAcquire_waits_pollsThroughTheSleeper() throws Exception {
    TestClock clock = new TestClock();
    AtomicInteger naps = new AtomicInteger();
    AtomicLong slept = new AtomicLong();
    Sleeper sleeper = d -> {
      naps.incrementAndGet();
      slept.addAndGet(d.toMillis());
      clock.advance(d);
    };
    try (JdbcTokenStore store = JdbcTokenStore.builder().url(DATABASES.url(Databases.Kind.SQLITE))
        .table(Tables.next()).clock(clock).sleeper(sleeper).build()) {
      RefreshLock.Lease held = store.tryAcquire("alice", Duration.ZERO, Duration.ofSeconds(5)).orElseThrow();
      assertThat(store.tryAcquire("alice", Duration.ofSeconds(1), Duration.ofSeconds(5))).isEmpty();
      assertThat(slept.get()).isEqualTo(1000);
      assertThat(naps.get()).as("10, 20, 40, 80, then 100 ms naps").isEqualTo(13);
      Optional<RefreshLock.Lease> afterLease = store.tryAcquire("alice", Duration.ofSeconds(5), Duration.ofSeconds(5));
      assertThat(afterLease).as("taken once the holder's lease ended on the clock").isPresent();
      held.close();
      afterLease.get().close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Databases.Kind.class, names = {"MARIADB", "POSTGRES"})
  void advisory_holderPastItsLease_releasedByTheStore(Databases.Kind kind) throws Exception {
    try (JdbcTokenStore store = DATABASES.open(kind, Tables.next())) {
      RefreshLock.Lease slow = store.tryAcquire("alice", Duration.ZERO, Duration.ofMillis(300)).orElseThrow();
      Optional<RefreshLock.Lease> next = store.tryAcquire("alice", Duration.ofSeconds(10), Duration.ofMinutes(1));
      assertThat(next).isPresent();
      slow.close();
      assertThat(store.tryAcquire("alice", Duration.ZERO, Duration.ofMinutes(1))).isEmpty();
      next.get().close();
    }
  }

  @Test
  void tryAcquire_badArguments_refused() throws Exception {
    try (JdbcTokenStore store = DATABASES.open(Databases.Kind.H2, Tables.next())) {
      assertThatThrownBy(() -> store.tryAcquire("a", Duration.ofSeconds(-1), Duration.ofSeconds(1)))
          .hasMessageContaining("wait");
      assertThatThrownBy(() -> store.tryAcquire("a", Duration.ZERO, Duration.ZERO)).hasMessageContaining("lease");
      assertThatThrownBy(() -> store.tryAcquire(null, Duration.ZERO, Duration.ofSeconds(1)))
          .isInstanceOf(NullPointerException.class);
    }
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private final AtomicLong millis = new AtomicLong(1_800_000_000_000L);

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
