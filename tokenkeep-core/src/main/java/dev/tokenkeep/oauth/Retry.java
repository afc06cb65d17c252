package dev.tokenkeep.oauth;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How often a failed request is tried again and how long to wait in between: exponential backoff
 * with jitter, or the provider's {@code Retry-After} when it gives one.
 */
record Retry(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
  static final int MAX_ATTEMPTS = 10;

  Retry {
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException(
          "maxAttempts must be between 1 and " + MAX_ATTEMPTS + ": got " + maxAttempts);
    }
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 <= firstBackoff <= maxBackoff: got " + firstBackoff + " and " + maxBackoff);
    }
  }

  /**
   * The wait after failed attempt {@code attempt} (1-based): the exponential step min(max,
   * first·2^(attempt−1)), of which the first half is always waited and the second half scaled by
   * {@code random} in [0, 1), so that clients that failed together do not retry together.
   */
  Duration backoff(int attempt, double random) {
    long max = maxBackoff.toMillis();
    long step = firstBackoff.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
    long capped = step < 0 ? max : Math.min(step, max);
    long half = capped / 2;
    return Duration.ofMillis(capped - half + (long) (half * random));
  }

  /** The longest time all attempts can take, each bounded by {@code requestTimeout}. */
  Duration worstCase(Duration requestTimeout) {
    return requestTimeout.multipliedBy(maxAttempts).plus(maxBackoff.multipliedBy(maxAttempts - 1L));
  }

  /**
   * A {@code Retry-After} header as a wait from {@code nowMillis}: delay seconds or an HTTP date;
   * empty when absent or unreadable. A date in the past means no wait.
   */
  static Optional<Duration> retryAfter(String header, long nowMillis) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        return Optional.of(Duration.ofMillis(Math.max(0, at - nowMillis)));
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
