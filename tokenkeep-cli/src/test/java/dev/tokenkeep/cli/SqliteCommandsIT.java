package dev.tokenkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The commands on the default store: SQLite in the user's data folder (no --store, no TOKENKEEP_STORE). */
class SqliteCommandsIT extends CommandsContract {
  @Override
  String storeUri() {
    return null;
  }

  @Override
  String effectiveStoreUri() {
    return "sqlite:" + database();
  }

  private Path database() {
    return dir.resolve("data/tokenkeep/tokens.db");
  }

  @Test
  void defaultStore_isSqliteFile0600InFolder0700_createdByTheFirstSave() throws Exception {
    assertThat(tk.run("list").status()).as("reading commands create no store").isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(database()).doesNotExist();
    login();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database().getParent()))).isEqualTo("rwx------");
  }
}
