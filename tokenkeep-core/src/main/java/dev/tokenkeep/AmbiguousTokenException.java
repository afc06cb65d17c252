package dev.tokenkeep;

/** A query by user name matched tokens of several clients; the query must name its client id. */
public final class AmbiguousTokenException extends TokenStoreException {
  private static final long serialVersionUID = 1L;

  /** See {@link TokenStoreException#TokenStoreException(String, String, String)}. */
  public AmbiguousTokenException(String store, String operation, String detail) {
    super(store, operation, detail);
  }
}
