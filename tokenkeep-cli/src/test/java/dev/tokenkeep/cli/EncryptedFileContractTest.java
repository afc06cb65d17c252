package dev.tokenkeep.cli;

import java.nio.file.Files;
import java.util.List;

/** The conformance kit on an encrypted file store; the raw read is the CSV file's text. */
class EncryptedFileContractTest extends EncryptedStoreContract {
  @Override
  String newUri() {
    return "file:" + folder.resolve("tokens.csv");
  }

  @Override
  List<String> rawValues() throws Exception {
    return List.of(Files.readString(folder.resolve("tokens.csv")));
  }

  /** Every save rewrites and forces the whole file, as in the file module's own run of the kit. */
  @Override
  protected int usersPerThread() {
    return 25;
  }
}
