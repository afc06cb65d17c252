package dev.tokenkeep.file;

import dev.tokenkeep.testkit.CrossProcessRefreshContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** 4 JVMs × 16 threads on one token file: exactly one refresh per expiry; a killed holder is survived. */
class FileStoreCrossProcessRefreshTest extends CrossProcessRefreshContract {
  @TempDir Path dir;

  @Override
  protected String newStoreUri() {
    return "file:" + dir.resolve("tokens.csv");
  }
}
