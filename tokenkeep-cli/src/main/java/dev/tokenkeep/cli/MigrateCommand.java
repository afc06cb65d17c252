package dev.tokenkeep.cli;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.crypto.EncryptingTokenStore;
import dev.tokenkeep.store.Migration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "migrate", description = "Copy every token from one store to another and verify the copy. Running it twice changes nothing. "
    + "With --to-keyset the copy is encrypted (a plaintext file store into an encrypted database, say).")
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

  @Option(names = "--keyset", paramLabel = "FILE",
      description = "Keyset of both stores unless one of the two options below names another (default: $TOKENKEEP_KEYSET).")
  Path keyset;

  @Option(names = "--from-keyset", paramLabel = "FILE", description = "Keyset the source store is encrypted with.")
  Path fromKeyset;

  @Option(names = "--to-keyset", paramLabel = "FILE", description = "Keyset to encrypt the copy with.")
  Path toKeyset;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StoreOption.requireExisting(from);
    Path both = StoreOption.keyset(keyset, root.env);
    for (Path file : new Path[] {both, fromKeyset, toKeyset}) {
      StoreOption.warnIfOthersCanRead(file, root.env);
    }
    try (TokenStore source = StoreOption.open(from, fromKeyset != null ? fromKeyset : both);
        TokenStore target = StoreOption.open(to, toKeyset != null ? toKeyset : both)) {
      refuseEncryptedWithoutKeyset(source, "source", "--from-keyset");
      refuseEncryptedWithoutKeyset(target, "target", "--to-keyset");
      ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), PROGRESS_ABOVE, root.env.console != null && !dryRun);
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

  /**
   * A store that holds encrypted secrets, opened without its keyset, would be read as ciphertexts
   * (a source: encrypted twice in an encrypted target) or written in plaintext (a target).
   */
  static void refuseEncryptedWithoutKeyset(TokenStore store, String role, String option) {
    if (!(store instanceof EncryptingTokenStore) && EncryptingTokenStore.holdsEncrypted(store.getTokens())) {
      throw new TokenStoreException(String.valueOf(store), "migrate", "the " + role + " holds encrypted secrets "
          + "and no keyset was given for it; nothing was copied — give " + option + " FILE (or --keyset FILE)");
    }
  }
}
