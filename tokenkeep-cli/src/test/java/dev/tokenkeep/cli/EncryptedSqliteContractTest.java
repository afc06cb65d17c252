package dev.tokenkeep.cli;

import java.util.List;

/** The conformance kit on an encrypted SQLite file; the raw read is every column of the table. */
class EncryptedSqliteContractTest extends EncryptedStoreContract {
  @Override
  String newUri() {
    return "sqlite:" + folder.resolve("tokens.db");
  }

  @Override
  List<String> rawValues() throws Exception {
    return ScratchDatabase.rawValues("jdbc:sqlite:" + folder.resolve("tokens.db"), "oauthtoken");
  }
}
