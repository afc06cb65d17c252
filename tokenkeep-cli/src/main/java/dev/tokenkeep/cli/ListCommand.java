package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.store.StoreRules;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", description = "List stored tokens: id, user, client, API domain, expiry, refresh token held. No secret is shown.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;
  @Mixin StoreOption store;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Instant now = root.env.clock.instant();
    try (TokenStore s = store.openExisting(root.env)) {
      List<OAuthToken> tokens = s.getTokens();
      if (json) {
        List<Object> rows = new ArrayList<>();
        tokens.forEach(t -> rows.add(Output.summary(t, now)));
        Output.json(out, rows);
        return ExitCodes.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      for (OAuthToken t : tokens) {
        rows.add(List.of(t.id(), Output.orDash(t.userName()),
            t.clientId() == null ? "-" : StoreRules.shorten(t.clientId()), Output.orDash(t.apiDomain()),
            t.accessToken() == null ? "no access token" : Output.relative(t.expiresAt(), now),
            t.refreshToken() != null ? "yes" : "no"));
      }
      Output.table(out, List.of("ID", "USER", "CLIENT", "API DOMAIN", "ACCESS TOKEN EXPIRES", "REFRESH TOKEN"), rows);
      out.println(Output.count(tokens.size()) + " in " + s);
      return ExitCodes.OK;
    }
  }
}
