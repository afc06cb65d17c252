package dev.tokenkeep.cli;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.crypto.EncryptingTokenStore;
import dev.tokenkeep.crypto.Keyset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Option;

/**
 * {@code --store URI}, else {@code TOKENKEEP_STORE}, else SQLite in the user's data folder; and
 * {@code --keyset FILE}, else {@code TOKENKEEP_KEYSET}, to keep its secrets encrypted.
 */
final class StoreOption {
  static final String KEYSET_VARIABLE = "TOKENKEEP_KEYSET";

  @Option(
      names = "--store",
      paramLabel = "URI",
      description = "Token store: memory:, file:PATH, sqlite:PATH, jdbc:… (default: $TOKENKEEP_STORE, "
          + "else sqlite:$XDG_DATA_HOME/tokenkeep/tokens.db)")
  String uri;

  @Option(
      names = "--keyset",
      paramLabel = "FILE",
      description = "Tink keyset file: secrets are encrypted at rest with it, plaintext ones still read "
          + "(default: $TOKENKEEP_KEYSET; none: secrets are stored as they are)")
  Path keyset;

  /** The store URI this invocation uses. */
  String uri(Environment env) {
    if (uri != null) {
      return uri;
    }
    String fromEnv = env.variable("TOKENKEEP_STORE");
    return fromEnv != null ? fromEnv : "sqlite:" + defaultDatabase(env);
  }

  /**
   * Opens a store that must exist already: commands that only read or change stored tokens
   * should not create an empty store at a mistyped path and report "0 tokens".
   */
  TokenStore openExisting(Environment env) {
    requireExisting(uri(env));
    return open(env);
  }

  /** Fails with exit status 3 when {@code uri} names a file or SQLite store whose file is missing. */
  static void requireExisting(String uri) {
    Path file = uri.startsWith("file:") ? Path.of(uri.substring("file:".length()))
        : uri.startsWith("sqlite:") && !uri.equals("sqlite::memory:") ? Path.of(uri.substring("sqlite:".length()))
        : null;
    if (file != null && !Files.exists(file)) {
      throw CliException.notFound("no token store at " + file.toAbsolutePath() + " (nothing was saved there yet); "
          + "check --store or TOKENKEEP_STORE, or create it with 'tokenkeep login' or 'tokenkeep add'");
    }
  }

  /** Opens the store, creating it when missing; for the default one, first makes its folder, private to the user. */
  TokenStore open(Environment env) {
    if (uri == null && env.variable("TOKENKEEP_STORE") == null) {
      makePrivateFolder(defaultDatabase(env).getParent());
    }
    Path keysetFile = keyset(keyset, env);
    warnIfOthersCanRead(keysetFile, env);
    return open(uri(env), keysetFile);
  }

  /** The keyset decrypts every token: others must not read it, any more than the tokens. */
  static void warnIfOthersCanRead(Path keysetFile, Environment env) {
    if (keysetFile == null) {
      return;
    }
    try {
      var permissions = Files.getPosixFilePermissions(keysetFile);
      if (permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
          || permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
        env.warn("the keyset " + keysetFile + " can be read by others, and it decrypts every token; run: chmod 600 " + keysetFile);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Missing or unreadable: Keyset.read says so in its own error.
    }
  }

  /** The keyset file: {@code given}, else {@code TOKENKEEP_KEYSET}, else null (no encryption). */
  static Path keyset(Path given, Environment env) {
    if (given != null) {
      return given;
    }
    String fromEnv = env.variable(KEYSET_VARIABLE);
    return fromEnv == null ? null : Path.of(fromEnv);
  }

  /** Opens {@code uri}, encrypted with the keyset file {@code keysetFile} when it is not null. */
  static TokenStore open(String uri, Path keysetFile) {
    Keyset keys = keysetFile == null ? null : Keyset.read(keysetFile);
    TokenStore store = TokenStores.open(uri);
    return keys == null ? store : EncryptingTokenStore.wrap(store, keys);
  }

  static Path defaultDatabase(Environment env) {
    String xdg = env.variable("XDG_DATA_HOME");
    Path data = xdg != null ? Path.of(xdg) : env.home.resolve(".local/share");
    return data.resolve("tokenkeep").resolve("tokens.db");
  }

  private static void makePrivateFolder(Path folder) {
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder.getParent());
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the store folder " + folder + ": " + e.getMessage(), e);
    }
  }
}
