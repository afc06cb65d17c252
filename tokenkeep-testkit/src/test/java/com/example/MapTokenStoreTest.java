package com.example;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.testkit.TokenStoreContract;

/** The README's proof of the custom store: one class, one method. */
class MapTokenStoreTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return new MapTokenStore();
  }
}
