package dev.tokenkeep.file;

import java.time.Duration;
import java.util.Objects;

/** Settings of a {@link FileTokenStore}; immutable, built with {@link #builder()}. */
public final class FileStoreOptions {
  /** How long a write waits for the write lock by default. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

  private static final FileStoreOptions DEFAULTS = builder().build();

  private final Duration lockTimeout;

  private FileStoreOptions(Builder b) {
    this.lockTimeout = b.lockTimeout;
  }

  /** The default settings. */
  public static FileStoreOptions defaults() {
    return DEFAULTS;
  }

  /** A builder holding the default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long a save or delete waits for another thread or process to finish writing. */
  public Duration lockTimeout() {
    return lockTimeout;
  }

  @Override
  public String toString() {
    return "FileStoreOptions{lockTimeout=" + lockTimeout + "}";
  }

  /** Fills {@link FileStoreOptions}. Not thread-safe. */
  public static final class Builder {
    private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

    private Builder() {}

    /** How long a write waits for the write lock before it fails; from 0 to 1 hour. */
    public Builder lockTimeout(Duration lockTimeout) {
      Objects.requireNonNull(lockTimeout, "lockTimeout");
      if (lockTimeout.isNegative() || lockTimeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "lockTimeout must be between 0 and 1 hour: got " + lockTimeout);
      }
      this.lockTimeout = lockTimeout;
      return this;
    }

    /** The options. */
    public FileStoreOptions build() {
      return new FileStoreOptions(this);
    }
  }
}
