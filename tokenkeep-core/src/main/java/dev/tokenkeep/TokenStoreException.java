package dev.tokenkeep;

import java.util.Objects;

/**
 * A store operation failed. The message reads {@code <store> <operation>: <what>; <what to do>}
 * and never contains a secret; the cause is chained.
 */
public class TokenStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String store;
  private final String operation;

  /** A failure of {@code operation} on {@code store} (its URI or name), described by {@code detail}. */
  public TokenStoreException(String store, String operation, String detail, Throwable cause) {
    super(Objects.requireNonNull(store, "store") + " " + Objects.requireNonNull(operation, "operation")
        + ": " + Objects.requireNonNull(detail, "detail"), cause);
    this.store = store;
    this.operation = operation;
  }

  /** A failure without an underlying cause. */
  public TokenStoreException(String store, String operation, String detail) {
    this(store, operation, detail, null);
  }

  /** The store's URI or name. */
  public String store() {
    return store;
  }

  /** The operation that failed, for example {@code saveToken}. */
  public String operation() {
    return operation;
  }
}
