package dev.tokenkeep.jdbc;

import dev.tokenkeep.testkit.CrossProcessRefreshContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 4 JVMs × 16 threads asking for one expired token through one shared database: exactly one
 * refresh per expiry; a lock holder killed mid-refresh is survived. On SQLite, MariaDB and PostgreSQL.
 */
class CrossProcessRefreshTest {
  @RegisterExtension static final Databases DATABASES = new Databases();

  @Nested
  class Sqlite extends CrossProcessRefreshContract {
    @TempDir Path dir;

    @Override
    protected String newStoreUri() {
      return "sqlite:" + dir.resolve("tokens.db");
    }
  }

  @Nested
  class MariaDb extends CrossProcessRefreshContract {
    @Override
    protected String newStoreUri() {
      Databases.require(Databases.Kind.MARIADB);
      return DATABASES.url(Databases.Kind.MARIADB) + "&table=" + Tables.next();
    }
  }

  @Nested
  class Postgres extends CrossProcessRefreshContract {
    @Override
    protected String newStoreUri() {
      Databases.require(Databases.Kind.POSTGRES);
      return DATABASES.url(Databases.Kind.POSTGRES) + "&table=" + Tables.next();
    }
  }
}
