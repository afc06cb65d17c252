package dev.tokenkeep.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.testkit.TokenStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance kit on PostgreSQL through the application's pool (a DataSource); a table per test. */
class PostgresContractTest extends TokenStoreContract {
  private static Servers.Scratch db;
  private static HikariDataSource pool;
  private String table;

  @BeforeAll
  static void createSchema() {
    if (Servers.POSTGRES.unreachable() == null) {
      db = Servers.POSTGRES.scratch();
      pool = new HikariDataSource();
      pool.setJdbcUrl(db.url);
      pool.setMaximumPoolSize(8);
    }
  }

  @AfterAll
  static void dropSchema() {
    if (pool != null) {
      pool.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected TokenStore newStore() {
    Servers.POSTGRES.require();
    table = Tables.next();
    return JdbcTokenStore.builder().dataSource(pool).table(table).build();
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    store.close();
    return JdbcTokenStore.builder().dataSource(pool).table(table).build();
  }
}
