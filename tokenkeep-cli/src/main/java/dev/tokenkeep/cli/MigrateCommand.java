package dev.tokenkeep.cli;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.store.Migration;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "migrate", description = "Copy every token from one store to another and verify the copy. Running it twice changes nothing.")
final class MigrateCommand implements Callable<Integer> {
  private static final int PROGRESS_ABOVE = 1000;

  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "URI", description = "Store to copy from.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "URI", description = "Store to copy into.")
  String to;

  @Option(names = "--dry-run", description = "Only count what would be copied.")
  boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StoreOption.requireExisting(from);
    try (TokenStore source = TokenStores.open(from); TokenStore target = TokenStores.open(to)) {
      ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), source.getTokens().size(), PROGRESS_ABOVE,
          root.env.console != null && !dryRun);
      Migration.Report r = Migration.copy(source, target, dryRun, bar::show);
      bar.finish();
      String replaced = r.replaced() == 0 ? ""
          : "; " + r.replaced() + (dryRun ? " would replace" : " replaced") + " a stored token of the same user and client that held other values";
      if (dryRun) {
        out.printf("dry run: %s in %s; %d would be copied to %s, %d are already there%s%n",
            Output.count(r.total()), source, r.copied(), target, r.unchanged(), replaced);
      } else {
        out.printf("copied %s from %s to %s (%d already there%s); verified %d of %d: count and content match%n",
            Output.count(r.copied()), source, target, r.unchanged(), replaced, r.verified(), r.total());
      }
      return ExitCodes.OK;
    }
  }
}
