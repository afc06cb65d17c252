package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.testkit.TokenStoreModelProperties;

/** H2 in memory (a new database per sequence, gone when its pool closes) behaves like the list store. */
class H2ModelTest extends TokenStoreModelProperties {
  @Override
  protected TokenStore newStore() {
    return TokenStores.open("jdbc:h2:mem:" + Tables.next());
  }
}
