package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.testkit.TokenStoreContract;

/** The conformance kit on SQLite in memory: gone when closed, so never reopened. */
class SqliteMemoryContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return TokenStores.open("sqlite::memory:");
  }
}
