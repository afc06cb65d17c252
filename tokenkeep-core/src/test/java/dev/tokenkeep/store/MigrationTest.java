package dev.tokenkeep.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MigrationTest {
  private static TokenStore source(String prefix, int count) {
    TokenStore s = TokenStores.open("memory:");
    for (int i = 1; i <= count; i++) {
      s.saveToken(OAuthToken.builder().id(Integer.toString(i)).userName(prefix + i + "@x").clientId("C")
          .refreshToken("r-" + prefix + i).build());
    }
    return s;
  }

  @Test
  void copy_intoEmptyStore_keepsIdsAndTwiceChangesNothing() {
    TokenStore from = source("p", 5);
    TokenStore to = TokenStores.open("memory:");
    Migration.Report first = Migration.copy(from, to, false, (n, all) -> { });
    assertThat(first).isEqualTo(new Migration.Report(5, 5, 0, 0, 5));
    assertThat(to.getTokens()).isEqualTo(from.getTokens());
    assertThat(Migration.copy(from, to, false, (n, all) -> { })).isEqualTo(new Migration.Report(5, 0, 0, 5, 5));
  }

  @Test
  void copy_overDifferentValuesOfTheSameUser_countsThemReplaced() {
    TokenStore to = source("p", 2);
    TokenStore from = TokenStores.open("memory:");
    from.saveToken(OAuthToken.builder().userName("p1@x").clientId("C").refreshToken("newer").build());
    assertThat(Migration.copy(from, to, true, (n, all) -> { }).replaced()).isEqualTo(1);
    assertThat(Migration.copy(from, to, false, (n, all) -> { }).replaced()).isEqualTo(1);
  }

  /** Regression: two migrations at once, with the same ids for different users, lost a token. */
  @Test
  void copy_twoAtOnceWithClashingIds_losesNothing() {
    TokenStore to = TokenStores.open("memory:");
    TokenStore p = source("p", 400);
    TokenStore q = source("q", 400);
    CompletableFuture<Migration.Report> a = CompletableFuture.supplyAsync(() -> Migration.copy(p, to, false, (n, all) -> { }));
    CompletableFuture<Migration.Report> b = CompletableFuture.supplyAsync(() -> Migration.copy(q, to, false, (n, all) -> { }));
    assertThat(a.join().verified()).isEqualTo(400);
    assertThat(b.join().verified()).isEqualTo(400);
    assertThat(to.getTokens()).hasSize(800);
  }
}
