package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.testkit.TokenStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance kit on MariaDB, opened by URI with a pool of the store's own; a table per test. */
class MariaDbContractTest extends TokenStoreContract {
  private static Servers.Scratch db;
  private String uri;

  @BeforeAll
  static void createDatabase() {
    if (Servers.MARIADB.unreachable() == null) {
      db = Servers.MARIADB.scratch();
    }
  }

  @AfterAll
  static void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected TokenStore newStore() {
    Servers.MARIADB.require();
    uri = db.url + "&table=" + Tables.next();
    return TokenStores.open(uri);
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    store.close();
    return TokenStores.open(uri);
  }
}
