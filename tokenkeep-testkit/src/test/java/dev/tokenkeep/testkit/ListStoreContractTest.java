package dev.tokenkeep.testkit;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;

class ListStoreContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return TokenStores.open("list:");
  }
}
