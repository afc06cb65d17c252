package dev.tokenkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.crypto.EncryptingTokenStore;
import dev.tokenkeep.crypto.Keyset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance kit on a memory store wrapped in an {@link EncryptingTokenStore}. */
class EncryptedMemoryContractTest extends TokenStoreContract {
  @TempDir Path folder;

  @Override
  protected TokenStore newStore() {
    return EncryptingTokenStore.wrap(TokenStores.open("memory:"), Keyset.create(folder.resolve("keyset.json")));
  }

  @Test
  void innerStore_holdsNoPlaintextSecret() {
    OAuthToken saved = store.saveToken(OAuthToken.builder().userName("raw@example.com").clientId("1000.RAW")
        .clientSecret("client-secret-0f1e2d3c4b5a6978").refreshToken("1000.refresh.a1b2c3d4e5f6a7b8")
        .accessToken("1000.access.0a1b2c3d4e5f6a7b").grantToken("1000.grant.9f8e7d6c5b4a3928").build());
    String raw = String.valueOf(((EncryptingTokenStore) store).inner().getTokens().get(0).toBuilder().build());
    OAuthToken stored = ((EncryptingTokenStore) store).inner().findTokenById(saved.id()).orElseThrow();
    for (dev.tokenkeep.Secret s : new dev.tokenkeep.Secret[] {stored.clientSecret(), stored.refreshToken(),
        stored.accessToken(), stored.grantToken()}) {
      assertThat(s.reveal()).startsWith("tk1:");
    }
    assertNoSecretIn(raw + stored.clientSecret().reveal() + stored.refreshToken().reveal()
        + stored.accessToken().reveal() + stored.grantToken().reveal(), saved);
  }
}
