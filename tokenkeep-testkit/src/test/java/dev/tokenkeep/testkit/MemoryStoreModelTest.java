package dev.tokenkeep.testkit;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;

class MemoryStoreModelTest extends TokenStoreModelProperties {
  @Override
  protected TokenStore newStore() {
    return TokenStores.open("memory:");
  }
}
