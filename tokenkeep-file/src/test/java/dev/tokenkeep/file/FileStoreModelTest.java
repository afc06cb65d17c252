package dev.tokenkeep.file;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.testkit.TokenStoreModelProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random operation sequences on a file store, compared with the {@code list:} store. */
class FileStoreModelTest extends TokenStoreModelProperties {
  private static Path folder;
  private static final AtomicInteger files = new AtomicInteger();

  @BeforeContainer
  static void makeFolder() throws IOException {
    folder = Files.createTempDirectory("tokenkeep-model");
  }

  @AfterContainer
  static void removeFolder() throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  @Override
  protected TokenStore newStore() {
    return FileTokenStore.open(folder.resolve("tokens-" + files.incrementAndGet() + ".csv"));
  }
}
