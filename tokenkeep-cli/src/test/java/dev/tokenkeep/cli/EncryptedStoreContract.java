package dev.tokenkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.crypto.EncryptingTokenStore;
import dev.tokenkeep.crypto.Keyset;
import dev.tokenkeep.testkit.TokenStoreContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit on a store wrapped in {@link EncryptingTokenStore}, and a raw read of what
 * it wrote: no plaintext secret, only {@code tk1:} values.
 */
abstract class EncryptedStoreContract extends TokenStoreContract {
  @TempDir Path folder;
  private Keyset keyset;
  String uri;

  /** The URI of a new, empty inner store. */
  abstract String newUri() throws Exception;

  /** Every value the inner store holds, read without TokenKeep. */
  abstract List<String> rawValues() throws Exception;

  @Override
  protected TokenStore newStore() throws Exception {
    keyset = Keyset.create(folder.resolve("keyset.json"));
    uri = newUri();
    return EncryptingTokenStore.wrap(TokenStores.open(uri), keyset);
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    store.close();
    return EncryptingTokenStore.wrap(TokenStores.open(uri), Keyset.read(keyset.file()));
  }

  /**
   * The encryption adds no locking of its own (the inner store's concurrency is proven by its own
   * run of the kit); 8 threads × 40 users still contend on every save.
   */
  @Override
  protected int usersPerThread() {
    return 40;
  }

  @Test
  void rawRead_showsNoPlaintextSecret() throws Exception {
    List<String> secrets = List.of("client-secret-0f1e2d3c4b5a69788796", "1000.refresh.a1b2c3d4e5f6a7b8c9d0",
        "1000.access.0a1b2c3d4e5f6a7b8c9d", "1000.grant.9f8e7d6c5b4a39281706");
    store.saveToken(OAuthToken.builder().userName("raw@example.com").clientId("1000.RAWCLIENT")
        .clientSecret(secrets.get(0)).refreshToken(secrets.get(1)).accessToken(secrets.get(2)).grantToken(secrets.get(3))
        .build());
    String raw = String.join("\n", rawValues().stream().map(String::valueOf).toList());
    assertThat(raw).contains("raw@example.com", "tk1:");
    for (String secret : secrets) {
      assertThat(raw).doesNotContain(secret);
    }
  }
}
