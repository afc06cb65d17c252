package dev.tokenkeep.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Regression: memory and list stores handed out different ids after an explicit id was deleted. */
class IdRuleTest {
  @ParameterizedTest
  @ValueSource(strings = {"memory:", "list:"})
  void newId_afterDeletedExplicitId_followsTheLargestIdEverHeld(String uri) {
    try (TokenStore store = TokenStores.open(uri)) {
      store.saveToken(OAuthToken.builder().id("500").userName("a").accessToken("x").build());
      store.deleteToken("500");
      assertThat(store.saveToken(OAuthToken.builder().userName("b").accessToken("y").build()).id()).isEqualTo("501");
    }
  }
}
