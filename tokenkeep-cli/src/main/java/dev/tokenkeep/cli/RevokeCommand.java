package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "revoke", description = "Revoke a user's refresh token at the provider, then delete the token from the store.")
final class RevokeCommand implements Callable<Integer> {
  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;
  @Mixin StoreOption store;
  @Mixin TokenChoice choice;
  @Mixin ProviderOptions provider;

  @Override
  public Integer call() {
    try (TokenStore s = store.openExisting(root.env)) {
      OAuthToken t = choice.findWithSecrets(s);
      if (!provider.manager(s, root.env).revoke(TokenChoice.selectorOf(t))) {
        throw CliException.notFound("token " + t.id() + " was deleted by someone else meanwhile; nothing to revoke");
      }
      spec.commandLine().getOut().println("revoked and deleted token " + t.id() + " of " + Output.orDash(t.userName()));
      return ExitCodes.OK;
    }
  }
}
