package dev.tokenkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123Z");

  @Test
  void advance_movesEveryViewOfTheClock() {
    MutableClock clock = MutableClock.at(T0);
    var paris = clock.withZone(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofSeconds(61));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(61));
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli() + 61_000);
    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void set_jumpsToAnInstant_atMillisecondPrecision() {
    MutableClock clock = MutableClock.at(T0);
    clock.set(T0.minusNanos(1));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00.122Z"));
  }
}
