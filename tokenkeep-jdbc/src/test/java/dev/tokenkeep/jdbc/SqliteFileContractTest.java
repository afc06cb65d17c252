package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.testkit.TokenStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The conformance kit on SQLite in a file, opened by URI and reopened by a second open. */
class SqliteFileContractTest extends TokenStoreContract {
  @TempDir Path dir;
  private String uri;

  @Override
  protected TokenStore newStore() {
    uri = "sqlite:" + dir.resolve(Tables.next() + ".db");
    return TokenStores.open(uri);
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    store.close();
    return TokenStores.open(uri);
  }
}
