package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "show", description = "Show one token in full, secrets as fingerprints unless --reveal.")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;
  @Mixin StoreOption store;
  @Mixin TokenChoice choice;

  @Option(names = "--reveal", description = "Print the secrets themselves.")
  boolean reveal;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (TokenStore s = store.openExisting(root.env)) {
      OAuthToken t = choice.findWithSecrets(s);
      Map<String, Object> fields = Output.details(t, reveal);
      if (json) {
        Output.json(out, fields);
      } else {
        List<List<String>> rows = new ArrayList<>();
        fields.forEach((k, v) -> rows.add(List.of(k, v == null ? "-" : v.toString())));
        Output.table(out, List.of("FIELD", "VALUE"), rows);
      }
      return ExitCodes.OK;
    }
  }
}
