package dev.tokenkeep.cli;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.crypto.EncryptingTokenStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rekey", description = "Re-encrypt every secret of the store with the keyset's primary key, "
    + "plaintext ones included. Every token is decrypted first, so a keyset lacking a key changes nothing. "
    + "Run it while no other process writes to the store.")
final class RekeyCommand implements Callable<Integer> {
  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;
  @Mixin StoreOption store;

  @Override
  public Integer call() {
    try (TokenStore s = store.openExisting(root.env)) {
      if (!(s instanceof EncryptingTokenStore)) {
        throw CliException.usage("rekey: no keyset named; give --keyset FILE or set " + StoreOption.KEYSET_VARIABLE);
      }
      int rewritten = ((EncryptingTokenStore) s).rekey();
      spec.commandLine().getOut().println("re-encrypted " + Output.count(rewritten) + " with the primary key in " + s);
      return ExitCodes.OK;
    }
  }
}
