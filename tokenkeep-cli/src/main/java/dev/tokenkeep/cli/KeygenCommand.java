package dev.tokenkeep.cli;

import dev.tokenkeep.crypto.Keyset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keygen", description = "Write a new Tink keyset file (0600; an existing file is never overwritten), "
    + "or with --rotate add a new primary key to an existing one. The file holds the keys in plain text: "
    + "keep it apart from the store and its backups.")
final class KeygenCommand implements Callable<Integer> {
  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--keyset", paramLabel = "FILE", description = "Keyset file to write (default: $TOKENKEEP_KEYSET).")
  Path keyset;

  @Option(names = "--rotate", description = "Add a new primary key to the existing keyset; values under the older keys "
      + "still decrypt. Then 'tokenkeep rekey' re-encrypts them with the new key.")
  boolean rotate;

  @Override
  public Integer call() {
    Path file = StoreOption.keyset(keyset, root.env);
    if (file == null) {
      throw CliException.usage("keygen: no keyset file named; give --keyset FILE or set " + StoreOption.KEYSET_VARIABLE);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (rotate) {
      Keyset k = Keyset.rotate(file);
      out.printf("added key %d to %s as its primary (keys %s); older values still decrypt; "
          + "re-encrypt them with: tokenkeep rekey --keyset %s%n", k.primaryKeyId(), file, k.keyIds(), file);
    } else {
      Keyset k = Keyset.create(file);
      out.printf("wrote keyset %s with key %d, readable by you only; protect it like the tokens and keep it apart "
          + "from the store and its backups%n", file, k.primaryKeyId());
    }
    return ExitCodes.OK;
  }
}
