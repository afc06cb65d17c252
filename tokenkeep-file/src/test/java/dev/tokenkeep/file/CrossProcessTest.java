package dev.tokenkeep.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.store.RefreshLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store shared by real processes: kills, contention, and locks of dead holders. */
@Timeout(180)
class CrossProcessTest {
  private static final int KILLS = 50;

  @TempDir Path folder;

  @Test
  void saveLoop_killedAtRandomMoments_fileReadsAndHoldsEveryAcknowledgedSave() throws Exception {
    Path file = folder.resolve("tokens.csv");
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    Map<String, Long> acknowledged = new HashMap<>(); // user -> latest save that returned
    int midWrite = 0; // kills that left a temporary file: they hit a save while it wrote
    try (FileTokenStore reader = FileTokenStore.open(file)) {
      for (int round = 0; round < KILLS; round++) {
        ChildJvm child = ChildJvm.start("saveLoop", file.toString(), Integer.toString(round));
        List<String> lines = new ArrayList<>();
        try {
          child.awaitLine("ready", 60);
          // Kill after a random number of acknowledged saves: at a random point of the next one.
          for (int n = random.nextInt(25); n > 0; n--) {
            lines.add(child.nextLine(60));
          }
          lines.addAll(child.kill());
        } finally {
          child.close();
        }
        for (String line : lines) {
          String[] parts = line.split(" ");
          if (parts.length == 4 && parts[0].equals("saved") && parts[3].equals(".")) {
            acknowledged.merge(parts[1], Long.parseLong(parts[2]), Math::max);
          }
        }
        midWrite += AtomicWriter.leftovers(file).isEmpty() ? 0 : 1;
        String context = "round " + round + ", seed " + seed;
        if (!Files.exists(file)) {
          // Killed before its first save finished: no file yet is right only if no save returned.
          assertThat(acknowledged).as("%s: there is no file, so no save may have returned", context).isEmpty();
          assertThat(reader.getTokens()).as(context).isEmpty();
          continue;
        }
        List<OAuthToken> onDisk = CsvFormat.read(Files.readAllBytes(file)).tokens();
        Map<String, Long> stored = onDisk.stream().collect(Collectors.toMap(
            OAuthToken::userName, t -> Long.parseLong(t.accessToken().reveal().substring(2))));
        acknowledged.forEach((user, seq) ->
            assertThat(stored.get(user)).as("%s: %s saved %s before the kill", context, user, seq)
                .isNotNull().isGreaterThanOrEqualTo(seq));
        for (OAuthToken t : onDisk) {
          String tag = t.accessToken().reveal();
          assertThat(t.refreshToken().reveal()).as(context).isEqualTo("refresh-" + tag);
        }
        assertThat(reader.getTokens()).as("%s: a handle open across the kills sees the file", context)
            .containsExactlyInAnyOrderElementsOf(onDisk);
      }
      assertThat(acknowledged).as("the children saved").isNotEmpty();
      assertThat(midWrite).as("kills that landed while a save wrote its file").isPositive();
      reader.saveToken(Child.token("last@example.com", "a-0"));
      assertThat(AtomicWriter.leftovers(file)).as("temporary files of killed saves are removed").isEmpty();
    }
  }

  @Test
  void saveToken_4ProcessesDistinctUsers_allSavedNoDuplicate() throws Exception {
    Path file = folder.resolve("tokens.csv");
    List<String[]> runs = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      runs.add(new String[] {"users", file.toString(), "p" + p, "250"});
    }
    runTogether(runs);
    try (FileTokenStore store = FileTokenStore.open(file)) {
      List<OAuthToken> all = store.getTokens();
      assertThat(all).hasSize(1000);
      assertThat(all.stream().map(OAuthToken::id).distinct()).hasSize(1000);
      assertThat(all.stream().map(OAuthToken::userName).distinct()).hasSize(1000);
      for (int p = 0; p < 4; p++) {
        OAuthToken q = OAuthToken.builder().userName("p" + p + "-249@example.com").build();
        assertThat(store.findToken(q)).isPresent();
      }
    }
  }

  @Test
  void saveToken_2ProcessesSameUser_oneRowHoldingOneVersion() throws Exception {
    Path file = folder.resolve("tokens.csv");
    runTogether(List.of(
        new String[] {"sameUser", file.toString(), "x", "100"},
        new String[] {"sameUser", file.toString(), "y", "100"}));
    try (FileTokenStore store = FileTokenStore.open(file)) {
      List<OAuthToken> all = store.getTokens();
      assertThat(all).hasSize(1);
      String tag = all.get(0).accessToken().reveal();
      assertThat(tag).matches("[xy]-99");
      assertThat(all.get(0).withId(null)).isEqualTo(Child.token("alice@example.com", tag));
    }
  }

  /** Starts one child per argument list, lets them all go at once, and waits until each is done. */
  private static void runTogether(List<String[]> runs) throws Exception {
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (String[] args : runs) {
        children.add(ChildJvm.start(args));
      }
      for (ChildJvm child : children) {
        child.awaitLine("ready", 60);
      }
      for (ChildJvm child : children) {
        child.send("go");
      }
      for (ChildJvm child : children) {
        child.awaitLine("done", 120);
        assertThat(child.waitFor(30)).isZero();
      }
    } finally {
      children.forEach(ChildJvm::close);
    }
  }

  @Test
  void locks_holderKilled_releasedByTheSystem() throws Exception {
    Path file = folder.resolve("tokens.csv");
    FileStoreOptions impatient = FileStoreOptions.builder().lockTimeout(Duration.ofMillis(200)).build();
    try (FileTokenStore store = FileTokenStore.open(file, impatient)) {
      ChildJvm child = ChildJvm.start("hold", file.toString(), "alice@example.com");
      try {
        assertThat(child.nextLine(60)).isEqualTo("held");
        assertThat(store.tryAcquire("alice@example.com", Duration.ofMillis(200), Duration.ofMinutes(1))).isEmpty();
        assertThatThrownBy(() -> store.saveToken(Child.token("bob@example.com", "a-1")))
            .isInstanceOf(TokenStoreException.class)
            .hasMessageContaining("write lock")
            .hasMessageContaining("not taken within 200 ms");
        child.kill();
      } finally {
        child.close();
      }
      Optional<RefreshLock.Lease> lease = store.tryAcquire("alice@example.com", Duration.ofSeconds(10), Duration.ofMinutes(1));
      assertThat(lease).as("the dead holder's refresh lock is free").isPresent();
      lease.get().close();
      assertThat(store.saveToken(Child.token("bob@example.com", "a-1")).id()).isEqualTo("1");
    }
  }
}
