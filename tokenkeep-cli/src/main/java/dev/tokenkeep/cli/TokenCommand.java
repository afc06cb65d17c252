package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "token", description = "Print a valid access token for --user or --id, refreshing it when needed, "
    + "and nothing else on standard output.")
final class TokenCommand implements Callable<Integer> {
  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;
  @Mixin StoreOption store;
  @Mixin TokenChoice choice;
  @Mixin ProviderOptions provider;

  @Override
  public Integer call() {
    try (TokenStore s = store.openExisting(root.env)) {
      OAuthToken selector = TokenChoice.selectorOf(choice.findWithSecrets(s));
      spec.commandLine().getOut().println(provider.manager(s, root.env).accessToken(selector).reveal());
      return ExitCodes.OK;
    }
  }
}
