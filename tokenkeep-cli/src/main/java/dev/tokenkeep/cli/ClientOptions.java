package dev.tokenkeep.cli;

import dev.tokenkeep.Secret;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The OAuth client: its id, and its secret from a file, {@code TOKENKEEP_CLIENT_SECRET} or a prompt. */
final class ClientOptions {
  @Option(names = "--client-id", required = true, paramLabel = "ID", description = "OAuth client id.")
  String clientId;

  @Option(names = "--client-secret-file", paramLabel = "FILE",
      description = "File holding the client secret (- for standard input); else $TOKENKEEP_CLIENT_SECRET, else a prompt.")
  Path clientSecretFile;

  Secret clientSecret(Environment env) {
    return SecretInput.read("client secret", clientSecretFile, "TOKENKEEP_CLIENT_SECRET", "--client-secret-file", env);
  }
}
