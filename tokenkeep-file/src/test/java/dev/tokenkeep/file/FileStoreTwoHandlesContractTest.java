package dev.tokenkeep.file;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.testkit.TokenStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit on two handles of one file, used in turn: every call sees the other
 * handle's writes only through the file, so this proves change detection across handles.
 */
class FileStoreTwoHandlesContractTest extends TokenStoreContract {
  @TempDir Path folder;

  @Override
  protected TokenStore newStore() {
    return new TwoHandles(folder.resolve("tokens.csv"));
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    store.close();
    return new TwoHandles(folder.resolve("tokens.csv"));
  }

  /** As in {@link FileStoreContractTest}: each save rewrites and forces the file. */
  @Override
  protected int usersPerThread() {
    return 75;
  }
}
