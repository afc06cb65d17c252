package dev.tokenkeep.file;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.testkit.TokenStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The conformance kit on one handle, reopened where the kit asks. */
class FileStoreContractTest extends TokenStoreContract {
  @TempDir Path folder;

  @Override
  protected TokenStore newStore() {
    return FileTokenStore.open(folder.resolve("tokens.csv"));
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    store.close();
    return FileTokenStore.open(folder.resolve("tokens.csv"));
  }

  /**
   * Every save rewrites and forces the whole file (the format requires it), so the kit's 4,000
   * saves would write about 2 GB; 8 threads × 75 users still contend on every save.
   */
  @Override
  protected int usersPerThread() {
    return 75;
  }
}
