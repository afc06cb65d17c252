package dev.tokenkeep.store;

import dev.tokenkeep.TokenStore;
import java.util.Set;

/**
 * Opens stores for URI schemes; modules contribute one through {@link java.util.ServiceLoader}
 * (a line in {@code META-INF/services/dev.tokenkeep.store.TokenStoreProvider}), so that {@link
 * dev.tokenkeep.TokenStores#open} knows their schemes without core knowing the modules.
 */
public interface TokenStoreProvider {

  /** The schemes this provider opens, without the colon: {@code file}, {@code sqlite}. */
  Set<String> schemes();

  /** Opens the store that {@code uri} names; its scheme is one of {@link #schemes()}. */
  TokenStore open(String uri);
}
