package dev.tokenkeep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret string (client secret, refresh, access or grant token) that does not leak by accident.
 *
 * <p>{@link #toString()} gives only a {@linkplain #fingerprint() fingerprint}; {@link #reveal()}
 * is the one way to the value, so {@code grep -rn "reveal()"} lists every place a secret leaves
 * the library. Equality compares in constant time.
 */
public final class Secret {
  /** Secrets shorter than this show no characters at all in their fingerprint. */
  private static final int MIN_LENGTH_FOR_PREFIX = 16;
  private static final int PREFIX_LENGTH = 4;

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps {@code value}; returns null for null or the empty string, which mean "absent". */
  public static Secret ofNullable(String value) {
    return value == null || value.isEmpty() ? null : new Secret(value);
  }

  /** Wraps a non-empty {@code value}. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty; use null for absent");
    }
    return new Secret(value);
  }

  /** The secret value itself. Call only where the value must leave: a store writer, an HTTP body. */
  public String reveal() {
    return value;
  }

  /** Returns the revealed value of {@code secret}, or null when it is absent. */
  public static String revealOrNull(Secret secret) {
    return secret == null ? null : secret.value;
  }

  /**
   * A short non-reversible description: the first 4 characters of a long secret and its length,
   * for example {@code 1000…[70]}; a short secret shows only its length ({@code …[9]}).
   */
  public String fingerprint() {
    String prefix = value.length() >= MIN_LENGTH_FOR_PREFIX ? value.substring(0, PREFIX_LENGTH) : "";
    return prefix + "…[" + value.length() + "]";
  }

  /** Whether the value equals {@code candidate}, compared in constant time. */
  public boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret && matches(((Secret) other).value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** The fingerprint, never the value. */
  @Override
  public String toString() {
    return fingerprint();
  }
}
