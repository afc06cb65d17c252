package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.testkit.TokenStoreModelProperties;

/** SQLite in memory behaves like the list store over random operation sequences. */
class SqliteMemoryModelTest extends TokenStoreModelProperties {
  @Override
  protected TokenStore newStore() {
    return TokenStores.open("sqlite::memory:");
  }
}
