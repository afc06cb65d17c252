package dev.tokenkeep.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The encrypted kit on a database server: one scratch database per class, a new table per test. */
abstract class EncryptedServerContract extends EncryptedStoreContract {
  private static final Map<ScratchDatabase.Server, ScratchDatabase> DATABASES = new EnumMap<>(ScratchDatabase.Server.class);

  abstract ScratchDatabase.Server server();

  @Override
  String newUri() {
    return DATABASES.computeIfAbsent(server(), ScratchDatabase::create).newTableUri();
  }

  @Override
  List<String> rawValues() throws Exception {
    return ScratchDatabase.rawValues(DATABASES.get(server()).url, ScratchDatabase.tableOf(uri));
  }

  @AfterAll
  static void drop() throws Exception {
    for (ScratchDatabase db : DATABASES.values()) {
      db.close();
    }
    DATABASES.clear();
  }
}
