package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.testkit.TokenStoreContract;

/** The conformance kit on H2 in memory, kept while the JVM runs so a new handle sees the data. */
class H2ContractTest extends TokenStoreContract {
  private String url;

  @Override
  protected TokenStore newStore() {
    url = "jdbc:h2:mem:" + Tables.next() + ";DB_CLOSE_DELAY=-1";
    return TokenStores.open(url);
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    store.close();
    return TokenStores.open(url);
  }
}
