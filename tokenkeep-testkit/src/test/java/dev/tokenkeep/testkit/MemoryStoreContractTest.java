package dev.tokenkeep.testkit;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;

class MemoryStoreContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return TokenStores.open("memory:");
  }
}
