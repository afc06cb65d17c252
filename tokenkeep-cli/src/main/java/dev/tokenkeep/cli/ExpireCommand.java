package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "expire", description = "Mark a user's access token expired, so the next 'token' refreshes it "
    + "(for an access token the API refused). The refresh token is kept.")
final class ExpireCommand implements Callable<Integer> {
  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;
  @Mixin StoreOption store;
  @Mixin TokenChoice choice;

  @Override
  public Integer call() {
    try (TokenStore s = store.openExisting(root.env)) {
      OAuthToken t = choice.find(s);
      s.saveToken(OAuthToken.builder().id(t.id()).expiresAt(root.env.clock.instant()).build());
      spec.commandLine().getOut().println("access token of " + Output.orDash(t.userName()) + " (token " + t.id()
          + ") marked expired; the next 'tokenkeep token' refreshes it");
      return ExitCodes.OK;
    }
  }
}
