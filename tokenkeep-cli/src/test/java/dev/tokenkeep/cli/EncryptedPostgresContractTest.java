package dev.tokenkeep.cli;

import java.util.List;
import org.junit.jupiter.api.AfterAll;

/** The conformance kit on an encrypted PostgreSQL table, a new table per test in one scratch database. */
class EncryptedPostgresContractTest extends EncryptedStoreContract {
  private static ScratchDatabase database;

  @Override
  String newUri() {
    if (database == null) {
      database = ScratchDatabase.create(ScratchDatabase.Server.POSTGRES);
    }
    return database.newTableUri();
  }

  @Override
  List<String> rawValues() throws Exception {
    return database.rawValues(ScratchDatabase.tableOf(uri));
  }

  @AfterAll
  static void drop() throws Exception {
    if (database != null) {
      database.close();
      database = null;
    }
  }
}
