package com.example;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.testkit.TokenStoreModelProperties;

/** The README's property test of the custom store against the list store. */
class MapTokenStoreModelTest extends TokenStoreModelProperties {
  @Override
  protected TokenStore newStore() {
    return new MapTokenStore();
  }
}
