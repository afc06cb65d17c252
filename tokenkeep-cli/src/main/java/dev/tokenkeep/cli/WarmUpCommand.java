package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.oauth.OAuthProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Runs the hot path of {@code token} and {@code list} once on an in-memory database, printing
 * nothing, so that {@code bin/tokenkeep} can record the classes they load in a class-data-sharing
 * archive. Never calls a provider.
 */
@Command(name = "warm-up", hidden = true, description = "Record start-up classes (used by bin/tokenkeep).")
final class WarmUpCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    String uri = TokenStores.providers().containsKey("sqlite") ? "sqlite::memory:" : "memory:";
    try (TokenStore store = TokenStores.open(uri)) {
      OAuthToken saved = store.saveToken(OAuthToken.builder().userName("warm-up@example.com").clientId("warm-up")
          .refreshToken("warm-up-refresh").accessToken("warm-up-access")
          .expiresAt(java.time.Instant.now().plus(Duration.ofHours(1))).build());
      OAuthProvider unused = OAuthProvider.of(URI.create("http://127.0.0.1:9/token"), null, null);
      new ProviderOptions().manager(store, Environment.system(), unused).accessToken(TokenChoice.selectorOf(saved));
      PrintWriter sink = new PrintWriter(new StringWriter());
      Output.json(sink, List.of(Output.summary(saved, java.time.Instant.now())));
      Output.table(sink, List.of("ID"), List.of(List.of(saved.id())));
    }
    return ExitCodes.OK;
  }
}
