package dev.tokenkeep.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final Retry retry = new Retry(5, Duration.ofMillis(100), Duration.ofMillis(1000));

  @Test
  void backoff_doublesUpToTheMaximum_withJitterInTheUpperHalf() {
    assertThat(retry.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(retry.backoff(1, 0.999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(retry.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(retry.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(300));
    assertThat(retry.backoff(4, 0.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(retry.backoff(5, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(retry.backoff(9, 0.999)).isLessThanOrEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void worstCase_isEveryAttemptAndEveryWait() {
    assertThat(retry.worstCase(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(14));
  }

  @Test
  void retryAfter_secondsOrHttpDate() {
    long now = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    assertThat(Retry.retryAfter("7", now)).contains(Duration.ofSeconds(7));
    assertThat(Retry.retryAfter(" 0 ", now)).contains(Duration.ZERO);
    assertThat(Retry.retryAfter("Tue, 01 Jan 2030 00:00:03 GMT", now)).contains(Duration.ofSeconds(3));
    assertThat(Retry.retryAfter("Mon, 31 Dec 2029 23:59:00 GMT", now)).contains(Duration.ZERO);
    assertThat(Retry.retryAfter("-1", now)).isEmpty();
    assertThat(Retry.retryAfter("soon", now)).isEmpty();
    assertThat(Retry.retryAfter(null, now)).isEmpty();
  }

  @Test
  void invalidSettings_areRefusedWithTheirValues() {
    assertThatThrownBy(() -> new Retry(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("got 0");
    assertThatThrownBy(() -> new Retry(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("PT2S").hasMessageContaining("PT1S");
  }
}
