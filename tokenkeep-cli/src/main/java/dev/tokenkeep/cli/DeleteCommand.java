package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "delete", description = "Delete one token from the store, or all with --all (the provider is not told; see revoke).")
final class DeleteCommand implements Callable<Integer> {
  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;
  @Mixin StoreOption store;
  @Mixin TokenChoice choice;

  @Option(names = "--all", description = "Delete every token in the store.")
  boolean all;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (all == choice.isGiven()) {
      throw CliException.usage("say which token to delete (--user or --id), or --all, but not both");
    }
    try (TokenStore s = store.openExisting(root.env)) {
      if (all) {
        int count = s.getTokens().size();
        if (!yes && !confirm("Delete all " + count + " tokens in " + s + "?")) {
          out.println("nothing deleted");
          return ExitCodes.OK;
        }
        s.deleteTokens();
        out.println("deleted " + count + " tokens from " + s);
        return ExitCodes.OK;
      }
      OAuthToken t = choice.find(s);
      s.deleteToken(t.id());
      out.println("deleted token " + t.id() + " of " + Output.orDash(t.userName()) + " from " + s);
      return ExitCodes.OK;
    }
  }

  private boolean confirm(String question) {
    PrintWriter err = spec.commandLine().getErr();
    err.print(question + " Type 'yes' to confirm: ");
    err.flush();
    try {
      String answer = root.env.stdin.readLine();
      if (answer == null) {
        throw CliException.usage("no answer to the confirmation (standard input is closed); pass --yes to delete without asking");
      }
      return answer.trim().equalsIgnoreCase("yes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
