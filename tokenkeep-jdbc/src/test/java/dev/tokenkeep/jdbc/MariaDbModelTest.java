package dev.tokenkeep.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.testkit.TokenStoreModelProperties;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** MariaDB (a new table per sequence, on one application pool) behaves like the list store. */
@AddLifecycleHook(ServerHooks.RequiresMariaDb.class)
class MariaDbModelTest extends TokenStoreModelProperties {
  private static Servers.Scratch db;
  private static HikariDataSource pool;

  @BeforeContainer
  static void createDatabase() {
    db = Servers.MARIADB.scratch();
    pool = new HikariDataSource();
    pool.setJdbcUrl(db.url);
    pool.setMaximumPoolSize(2);
  }

  @AfterContainer
  static void dropDatabase() {
    if (pool != null) {
      pool.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected TokenStore newStore() {
    return JdbcTokenStore.builder().dataSource(pool).table(Tables.next()).build();
  }
}
