package dev.tokenkeep.file;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.store.TokenStoreProvider;
import java.nio.file.Path;
import java.util.Set;

/** Opens {@code file:PATH} as a {@link FileTokenStore}; PATH may be relative to the working folder. */
public final class FileStoreProvider implements TokenStoreProvider {

  @Override
  public Set<String> schemes() {
    return Set.of("file");
  }

  @Override
  public TokenStore open(String uri) {
    String path = uri.startsWith("file:") ? uri.substring("file:".length()) : "";
    if (path.isEmpty()) {
      throw new IllegalArgumentException(
          "TokenStores.open: '" + uri + "' names no file; write file:PATH, for example "
              + "file:/srv/app/tokens.csv");
    }
    return FileTokenStore.open(Path.of(path));
  }
}
