package dev.tokenkeep;

/**
 * A token or stored row is not acceptable: nothing worth keeping, an id that clashes, or a
 * corrupt stored value. Nothing already stored was changed because of it.
 */
public final class InvalidTokenException extends TokenStoreException {
  private static final long serialVersionUID = 1L;

  /** See {@link TokenStoreException#TokenStoreException(String, String, String, Throwable)}. */
  public InvalidTokenException(String store, String operation, String detail, Throwable cause) {
    super(store, operation, detail, cause);
  }

  /** See {@link TokenStoreException#TokenStoreException(String, String, String)}. */
  public InvalidTokenException(String store, String operation, String detail) {
    super(store, operation, detail);
  }
}
