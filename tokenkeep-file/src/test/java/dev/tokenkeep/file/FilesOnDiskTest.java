package dev.tokenkeep.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.OAuthToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store leaves on disk: private files, whole files, and no temporary files. */
class FilesOnDiskTest {
  @TempDir Path folder;

  @Test
  void saveToken_newFile_isOwnerOnly_asAreTheLockFilesAndNewFolders() throws Exception {
    Path file = folder.resolve("a/b/tokens.csv");
    try (FileTokenStore store = FileTokenStore.open(file)) {
      store.saveToken(FormatUpgradeTest.alice());
      store.tryAcquire("alice", java.time.Duration.ZERO, java.time.Duration.ofSeconds(5)).orElseThrow().close();
    }
    assertThat(permissions(file)).isEqualTo("rw-------");
    assertThat(permissions(folder.resolve("a/b/tokens.csv.lock"))).isEqualTo("rw-------");
    assertThat(permissions(folder.resolve("a/b/tokens.csv.refresh.lock"))).isEqualTo("rw-------");
    assertThat(permissions(folder.resolve("a"))).isEqualTo("rwx------");
    assertThat(permissions(folder.resolve("a/b"))).isEqualTo("rwx------");
  }

  @Test
  void saveToken_fileOthersCouldRead_becomesOwnerOnly() throws Exception {
    Path file = folder.resolve("tokens.csv");
    Files.writeString(file, String.join(",", OAuthToken.COLUMNS) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (FileTokenStore store = FileTokenStore.open(file)) {
      store.saveToken(FormatUpgradeTest.alice());
    }
    assertThat(permissions(file)).isEqualTo("rw-------");
  }

  @Test
  void replace_temporaryFile_isOwnerOnlyAndEmptyBeforeTheFirstByte() throws Exception {
    Path file = folder.resolve("tokens.csv");
    AtomicWriter.replace(file, out -> {
      List<Path> temps = AtomicWriter.leftovers(file);
      assertThat(temps).hasSize(1);
      assertThat(permissions(temps.get(0))).isEqualTo("rw-------");
      assertThat(Files.size(temps.get(0))).isZero();
      out.write("new".getBytes(StandardCharsets.UTF_8));
    });
    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(AtomicWriter.leftovers(file)).isEmpty();
  }

  @Test
  void replace_writerFails_oldFileStaysAndNoTemporaryFileIsLeft() throws Exception {
    Path file = folder.resolve("tokens.csv");
    Files.writeString(file, "old");
    assertThatThrownBy(() -> AtomicWriter.replace(file, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(Files.readString(file)).isEqualTo("old");
    assertThat(AtomicWriter.leftovers(file)).isEmpty();
  }

  @Test
  void temporaryFilesOfACrash_areNeverReadAndTheNextSaveRemovesThem() throws Exception {
    Path file = folder.resolve("tokens.csv");
    try (FileTokenStore store = FileTokenStore.open(file)) {
      store.saveToken(FormatUpgradeTest.alice());
      // What a save killed after writing its temporary file leaves: a whole file of other tokens.
      Path crashed = folder.resolve(".tokens.csv.0123456789abcdef.tmp");
      Files.writeString(crashed, String.join(",", OAuthToken.COLUMNS) + "\n"
          + "7,mallory@example.com,1000.C,s,1000.rt,1000.at,,1,,\n");
      Path notOurs = folder.resolve(".tokens.csv.backup.tmp");
      Files.writeString(notOurs, "keep me");
      try (FileTokenStore other = FileTokenStore.open(file)) {
        assertThat(other.getTokens()).extracting(OAuthToken::userName).containsExactly("alice@example.com");
        other.saveToken(FormatUpgradeTest.alice().withUserName("bob@example.com"));
      }
      assertThat(crashed).doesNotExist();
      assertThat(notOurs).hasContent("keep me");
      assertThat(store.getTokens()).extracting(OAuthToken::userName)
          .containsExactly("alice@example.com", "bob@example.com");
    }
  }

  @Test
  void open_folder_isRefused() {
    assertThatThrownBy(() -> FileTokenStore.open(folder))
        .hasMessageContaining("file:" + folder + " open: this is a folder");
  }

  @Test
  void open_symbolicLink_savesThroughItAndKeepsTheLink() throws Exception {
    Path target = folder.resolve("real.csv");
    Path link = Files.createSymbolicLink(folder.resolve("tokens.csv"), target);
    try (FileTokenStore store = FileTokenStore.open(link)) {
      store.saveToken(FormatUpgradeTest.alice());
    }
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).contains("alice@example.com");
  }

  static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
