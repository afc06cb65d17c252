package dev.tokenkeep.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New ids: after every id in the file and every id created before, even by another process. */
class IdsTest {
  @TempDir Path folder;

  @Test
  void saveToken_createdIdDeleted_isNotGivenAgain_evenByAnotherHandle() {
    Path file = folder.resolve("tokens.csv");
    try (FileTokenStore a = FileTokenStore.open(file)) {
      OAuthToken first = a.saveToken(user("alice"));
      a.deleteToken(first.id());
      assertThat(a.saveToken(user("bob")).id()).isEqualTo("2");
      a.deleteTokens();
    }
    try (FileTokenStore b = FileTokenStore.open(file)) {
      assertThat(b.saveToken(user("carol")).id()).as("remembered in the lock file").isEqualTo("3");
    }
  }

  @Test
  void saveToken_afterAnExplicitIdIsDeleted_givesTheSameIdsAsTheListStore() {
    Function<TokenStore, String> steps = store -> {
      store.saveToken(user("alice").withId("500"));
      store.deleteToken("500");
      String next = store.saveToken(user("bob")).id();
      store.saveToken(user("carol").withId("700"));
      return next + "," + store.saveToken(user("dave")).id();
    };
    try (TokenStore list = TokenStores.open("list:");
        FileTokenStore file = FileTokenStore.open(folder.resolve("tokens.csv"))) {
      assertThat(steps.apply(file)).isEqualTo(steps.apply(list)).isEqualTo("501,701");
    }
  }

  private static OAuthToken user(String name) {
    return Child.token(name + "@example.com", "a-" + name);
  }
}
