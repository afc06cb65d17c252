package dev.tokenkeep.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index is reloaded when, and only when, the file changed on disk. */
class ChangeDetectionTest {
  private static final OAuthToken ALICE = OAuthToken.builder().userName("alice@example.com").build();

  @TempDir Path folder;

  @Test
  void findToken_otherHandleSavesFasterThanTheClockTicks_seesEverySave() {
    Path file = folder.resolve("tokens.csv");
    try (FileTokenStore writer = FileTokenStore.open(file);
        FileTokenStore reader = FileTokenStore.open(file)) {
      for (int i = 0; i < 200; i++) {
        // Same length every time, so the size never changes; two saves in a row, so the second
        // file may get the first one's inode back; and both often share a clock tick.
        String tag = String.format("a-%04d", i);
        writer.saveToken(Child.token("alice@example.com", String.format("b-%04d", i)));
        writer.saveToken(Child.token("alice@example.com", tag));
        assertThat(reader.findToken(ALICE).orElseThrow().accessToken().reveal()).isEqualTo(tag);
      }
    }
  }

  @Test
  void findToken_changeTheFileAttributesCannotShow_isSeenThroughTheChangeCounter() throws Exception {
    Path file = folder.resolve("tokens.csv");
    try (FileTokenStore store = FileTokenStore.open(file)) {
      store.saveToken(Child.token("alice@example.com", "a-1"));
      assertThat(store.findToken(ALICE)).isPresent();
      // A save in the same clock tick, of the same size, on the same inode: attributes all equal.
      FileTime modified = Files.getLastModifiedTime(file);
      Files.writeString(file, Files.readString(file).replace("a-1", "a-2"));
      Files.setLastModifiedTime(file, modified);
      assertThat(store.findToken(ALICE).orElseThrow().accessToken().reveal()).as("attributes alone").isEqualTo("a-1");
      LockFile lock = LockFile.open(folder.resolve("tokens.csv.lock"), 2);
      try {
        lock.setNumber(0, lock.number(0) + 1); // what every writer does after its rename
      } finally {
        lock.close();
      }
      assertThat(store.findToken(ALICE).orElseThrow().accessToken().reveal()).isEqualTo("a-2");
    }
  }

  @Test
  void findToken_unchangedFile_neverReadsItAgain() {
    Path file = folder.resolve("tokens.csv");
    try (FileTokenStore store = FileTokenStore.open(file);
        FileTokenStore other = FileTokenStore.open(file)) {
      store.saveToken(Child.token("alice@example.com", "a-1"));
      long reads = store.reloads();
      for (int i = 0; i < 1000; i++) {
        assertThat(store.findToken(ALICE)).isPresent();
      }
      store.getTokens();
      assertThat(store.reloads()).as("its own save needs no read").isEqualTo(reads);
      other.saveToken(Child.token("bob@example.com", "a-2"));
      assertThat(store.getTokens()).hasSize(2);
      assertThat(store.findToken(ALICE)).isPresent();
      assertThat(store.reloads()).as("one read for the other handle's save").isEqualTo(reads + 1);
    }
  }

  @Test
  void findToken_fileRewrittenByAnotherProgram_seesIt() throws Exception {
    Path file = folder.resolve("tokens.csv");
    try (FileTokenStore store = FileTokenStore.open(file)) {
      store.saveToken(Child.token("alice@example.com", "a-1"));
      // An editor or Zoho's SDK writes in place, without the lock or the change counter.
      Files.writeString(file, Files.readString(file).replace("a-1", "a-22"));
      assertThat(store.findToken(ALICE).orElseThrow().accessToken().reveal()).isEqualTo("a-22");
      Files.delete(file);
      assertThat(store.getTokens()).isEmpty();
    }
  }

  @Test
  void findToken_interruptedThread_stillReads_andTheStoreKeepsWorking() {
    Path file = folder.resolve("tokens.csv");
    try (FileTokenStore store = FileTokenStore.open(file);
        FileTokenStore other = FileTokenStore.open(file)) {
      store.saveToken(Child.token("alice@example.com", "a-1"));
      other.saveToken(Child.token("alice@example.com", "a-2"));
      Thread.currentThread().interrupt();
      try {
        assertThat(store.findToken(ALICE).orElseThrow().accessToken().reveal()).isEqualTo("a-2");
        assertThatThrownBy(() -> store.saveToken(Child.token("alice@example.com", "a-3")))
            .isInstanceOf(TokenStoreException.class).hasMessageContaining("interrupted");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      other.saveToken(Child.token("alice@example.com", "a-4"));
      assertThat(store.findToken(ALICE).orElseThrow().accessToken().reveal()).isEqualTo("a-4");
    }
  }

  @Test
  void saveToken_writeLockHeldLongerThanTheTimeout_failsNamingTheLockAndWritesNothing() throws Exception {
    Path file = folder.resolve("tokens.csv");
    FileStoreOptions impatient = FileStoreOptions.builder().lockTimeout(Duration.ofMillis(50)).build();
    try (FileTokenStore store = FileTokenStore.open(file, impatient)) {
      store.saveToken(Child.token("alice@example.com", "a-1"));
      byte[] before = Files.readAllBytes(file);
      LockFile lock = LockFile.open(folder.resolve("tokens.csv.lock"), 2);
      try (LockFile.Held held = lock.tryLock(0, Duration.ZERO).orElseThrow()) {
        assertThatThrownBy(() -> store.saveToken(Child.token("alice@example.com", "a-2")))
            .isInstanceOf(TokenStoreException.class)
            .hasMessage("file:" + file + " saveToken: write lock on " + folder.resolve("tokens.csv.lock")
                + " not taken within 50 ms (another thread or process is writing, or hangs while holding it);"
                + " nothing was written — retry, or run 'tokenkeep doctor'");
      } finally {
        lock.close();
      }
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
      assertThat(store.saveToken(Child.token("alice@example.com", "a-2")).accessToken().reveal()).isEqualTo("a-2");
    }
  }

  @Test
  void operations_afterClose_areRefused() {
    FileTokenStore store = FileTokenStore.open(folder.resolve("tokens.csv"));
    store.close();
    store.close();
    assertThatThrownBy(store::getTokens).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
