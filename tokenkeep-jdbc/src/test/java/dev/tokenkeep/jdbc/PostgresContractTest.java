package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.testkit.TokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance kit on PostgreSQL through the application's pool (a DataSource); a table per test. */
class PostgresContractTest extends TokenStoreContract {
  @RegisterExtension static final Databases DATABASES = new Databases();
  private String table;

  @Override
  protected TokenStore newStore() {
    table = Tables.next();
    return reopen(null);
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    if (store != null) {
      store.close();
    }
    return JdbcTokenStore.builder().dataSource(DATABASES.pool(Databases.Kind.POSTGRES)).table(table).build();
  }
}
