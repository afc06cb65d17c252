package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.testkit.TokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit on MariaDB, opened by URI with a pool of the store's own; a table per test. */
class MariaDbContractTest extends TokenStoreContract {
  @RegisterExtension static final Databases DATABASES = new Databases();
  private String uri;

  @Override
  protected TokenStore newStore() {
    Databases.require(Databases.Kind.MARIADB);
    uri = DATABASES.url(Databases.Kind.MARIADB) + "&table=" + Tables.next();
    return TokenStores.open(uri);
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    store.close();
    return TokenStores.open(uri);
  }
}
