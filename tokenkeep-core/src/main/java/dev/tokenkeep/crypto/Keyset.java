package dev.tokenkeep.crypto;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Tink keyset of AES-SIV keys (deterministic AEAD) kept in a JSON keyset file, the keys an
 * {@link EncryptingTokenStore} encrypts with.
 *
 * <p>The file holds the keys in plain text: protect it like the tokens themselves (it is written
 * readable by its owner only, 0600), and keep it apart from the store and its backups, since the
 * file and a copy of the store together reveal every token. Keeping the keyset under a KMS is out
 * of scope here.
 *
 * <p>Rotation: {@link #rotate(Path)} adds a new primary key; values encrypted under older keys
 * still decrypt, and new writes use the primary. Tink's output prefix on every ciphertext names the
 * key id that made it, so a value under a key the keyset lacks is reported with that id.
 */
public final class Keyset {
  static {
    try {
      DeterministicAeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Path file;
  private final KeysetHandle handle;

  private Keyset(Path file, KeysetHandle handle) {
    this.file = file;
    this.handle = handle;
  }

  /**
   * Reads the keyset file at {@code file}.
   *
   * @throws IllegalArgumentException when the file is missing or is not a Tink JSON keyset
   */
  public static Keyset read(Path file) {
    Objects.requireNonNull(file, "file");
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("keyset " + file + ": no such file; create one with 'tokenkeep keygen --keyset "
          + file + "' or point --keyset / TOKENKEEP_KEYSET at the right one", e);
    } catch (IOException e) {
      throw new UncheckedIOException("keyset " + file + ": cannot read it (" + e.getMessage() + ")", e);
    }
    try {
      return new Keyset(file, TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      // Tink's message may quote the file; the keys must not reach a log, so only the class is named.
      throw new IllegalArgumentException("keyset " + file + ": not a Tink JSON keyset (" + e.getClass().getSimpleName()
          + "); give the file 'tokenkeep keygen' wrote");
    }
  }

  /**
   * Writes a new keyset with one AES-256-SIV key to {@code file}, readable by its owner only.
   *
   * @throws IllegalArgumentException when the file already exists (it is never overwritten)
   */
  public static Keyset create(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV);
      Keyset keyset = new Keyset(file, handle);
      Path written = Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      writeAndForce(written, keyset.json());
      return keyset;
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException("keyset " + file + ": already exists and is never overwritten; "
          + "add a key with 'tokenkeep keygen --rotate --keyset " + file + "' or choose another path", e);
    } catch (IOException e) {
      throw new UncheckedIOException("keyset " + file + ": cannot write it (" + e.getMessage() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("keyset " + file + ": Tink could not make an AES-SIV key", e);
    }
  }

  /**
   * Adds a new AES-256-SIV key to the keyset file at {@code file} and makes it the primary; the
   * older keys stay, so every value they encrypted still decrypts. The file is replaced atomically.
   */
  public static Keyset rotate(Path file) {
    Keyset old = read(file);
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(old.handle);
      builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedDeterministicAeadParameters.AES256_SIV)
          .withRandomId().makePrimary());
      Keyset rotated = new Keyset(file, builder.build());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      writeAndForce(temp, rotated.json());
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return rotated;
    } catch (IOException e) {
      throw new UncheckedIOException("keyset " + file + ": cannot write the rotated keyset (" + e.getMessage()
          + "); the old file is unchanged", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("keyset " + file + ": Tink could not add a key; the file is unchanged", e);
    }
  }

  /** The file this keyset was read from or written to. */
  public Path file() {
    return file;
  }

  /** The id of the key new values are encrypted with. */
  public long primaryKeyId() {
    return Integer.toUnsignedLong(handle.getPrimary().getId());
  }

  /** The ids of every key in the keyset, in keyset order. */
  public List<Long> keyIds() {
    List<Long> ids = new ArrayList<>(handle.size());
    for (int i = 0; i < handle.size(); i++) {
      ids.add(Integer.toUnsignedLong(handle.getAt(i).getId()));
    }
    return ids;
  }

  /** The keyset's primitive: the primary key encrypts, any key of the keyset decrypts. */
  DeterministicAead primitive() {
    return primitive(handle);
  }

  /** One primitive per key, each encrypting with that key alone, keyed by key id; primary first. */
  Map<Integer, DeterministicAead> primitivesByKey() {
    Map<Integer, DeterministicAead> byKey = new LinkedHashMap<>();
    try {
      byKey.put(handle.getPrimary().getId(), single(handle.getPrimary()));
      for (int i = 0; i < handle.size(); i++) {
        KeysetHandle.Entry entry = handle.getAt(i);
        if (!byKey.containsKey(entry.getId())) {
          byKey.put(entry.getId(), single(entry));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("keyset " + file + ": Tink could not use a key", e);
    }
    return byKey;
  }

  private static DeterministicAead single(KeysetHandle.Entry entry) throws GeneralSecurityException {
    return primitive(KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.importKey(entry.getKey()).withFixedId(entry.getId()).makePrimary()).build());
  }

  private static DeterministicAead primitive(KeysetHandle handle) {
    try {
      return handle.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("keyset: Tink gives no deterministic AEAD for it (not an AES-SIV keyset)", e);
    }
  }

  private String json() throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
  }

  private static void writeAndForce(Path target, String json) throws IOException {
    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(StandardCharsets.UTF_8.encode(json));
      channel.force(true);
    }
  }

  /** The file and the key ids, never the keys. */
  @Override
  public String toString() {
    return "keyset " + file + " (keys " + keyIds() + ", primary " + primaryKeyId() + ")";
  }
}
