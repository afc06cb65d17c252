package dev.tokenkeep.cli;

/** The commands on the file store. */
class FileStoreCommandsIT extends CommandsContract {
  @Override
  String storeUri() {
    return "file:" + dir.resolve("tokens.csv");
  }
}
