package dev.tokenkeep.testkit;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.crypto.EncryptingTokenStore;
import dev.tokenkeep.crypto.Keyset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The model properties on an encrypted memory store: it must behave exactly like {@code list:}. */
class EncryptedMemoryModelTest extends TokenStoreModelProperties {
  private static final Keyset KEYSET = keyset();

  private static Keyset keyset() {
    try {
      Path dir = Files.createTempDirectory("tokenkeep-keyset");
      dir.toFile().deleteOnExit();
      Keyset k = Keyset.create(dir.resolve("keyset.json"));
      k.file().toFile().deleteOnExit();
      return k;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected TokenStore newStore() {
    return EncryptingTokenStore.wrap(TokenStores.open("memory:"), KEYSET);
  }
}
