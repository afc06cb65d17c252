package dev.tokenkeep.store;

import dev.tokenkeep.TokenStore;
import java.util.Set;

/** Opens the stores core holds: {@code memory:} and {@code list:}, each a new empty store. */
public final class CoreStoreProvider implements TokenStoreProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("memory", "list");
  }

  @Override
  public TokenStore open(String uri) {
    if (uri.equals("memory:")) {
      return new MemoryTokenStore();
    }
    if (uri.equals("list:")) {
      return new ListTokenStore();
    }
    throw new IllegalArgumentException(
        "TokenStores.open: '" + uri + "' is not a core store; write memory: or list: with nothing after the colon");
  }
}
