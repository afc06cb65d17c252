package dev.tokenkeep.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * When an access token expires, read from a token answer. This is where clients go wrong:
 *
 * <ul>
 *   <li>Zoho once sent {@code expires_in} in milliseconds beside {@code expires_in_sec} in seconds:
 *       when {@code expires_in_sec} is there, it is the lifetime.
 *   <li>Alone, {@code expires_in} is in seconds (RFC 6749), unless it is at least {@link
 *       #MILLIS_THRESHOLD}: no access token lives 11.5 days, while Zoho's millisecond hour is
 *       3,600,000. Reading seconds as milliseconds only refreshes early; the reverse would hand out
 *       dead tokens, so the doubt goes that way.
 *   <li>Some providers send the number as a JSON string; it is read the same.
 *   <li>Absent, zero, negative or unreadable: the token is assumed to live {@link
 *       TokenEndpoint#ASSUMED_LIFETIME}, never forever.
 * </ul>
 *
 * The lifetime counts from when the request was sent, so clock time spent on the wire is lost
 * on the safe side; lifetimes are capped at {@link #MAX_LIFETIME}.
 */
final class Expiry {
  /** {@code expires_in} values at or above this are milliseconds. */
  static final long MILLIS_THRESHOLD = 1_000_000L;

  /** The longest lifetime believed. */
  static final Duration MAX_LIFETIME = Duration.ofDays(365);

  private Expiry() {}

  /** The expiry stated by {@code answer} for a request sent at {@code sentAtMillis}. */
  static Instant expiresAt(JsonNode answer, long sentAtMillis, Duration assumed) {
    return Instant.ofEpochMilli(sentAtMillis + lifetime(answer, assumed).toMillis());
  }

  /** The lifetime stated by {@code answer}, or {@code assumed} when it states none. */
  static Duration lifetime(JsonNode answer, Duration assumed) {
    OptionalLong seconds = positive(answer.get("expires_in_sec"));
    if (seconds.isPresent()) {
      return Duration.ofSeconds(Math.min(seconds.getAsLong(), MAX_LIFETIME.toSeconds()));
    }
    OptionalLong value = positive(answer.get("expires_in"));
    if (value.isEmpty()) {
      return assumed;
    }
    long v = Math.min(value.getAsLong(), MAX_LIFETIME.toMillis());
    // Below the threshold v is at most 999,999 s, well under MAX_LIFETIME.
    return v >= MILLIS_THRESHOLD ? Duration.ofMillis(v) : Duration.ofSeconds(v);
  }

  /** A positive whole number from a JSON number or numeric string (fractions cut); else empty. */
  static OptionalLong positive(JsonNode node) {
    double value;
    if (node == null) {
      return OptionalLong.empty();
    } else if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong() > 0 ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
    } else if (node.isNumber()) {
      value = node.asDouble();
    } else if (node.isTextual()) {
      try {
        value = Double.parseDouble(node.asText().trim());
      } catch (NumberFormatException e) {
        return OptionalLong.empty();
      }
    } else {
      return OptionalLong.empty();
    }
    if (!(value >= 1) || Double.isInfinite(value)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(value >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) value);
  }
}
