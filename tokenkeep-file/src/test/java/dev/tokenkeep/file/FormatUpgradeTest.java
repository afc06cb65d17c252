package dev.tokenkeep.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Older headers are rewritten in the 10-column form by the next save, losing nothing. */
class FormatUpgradeTest {
  private static final String HEADER_10 = String.join(",", OAuthToken.COLUMNS);

  @TempDir Path folder;

  @Test
  void saveToken_9ColumnFile_writes10ColumnsKeepingEveryField() throws Exception {
    upgrade("zoho-legacy-9col.csv");
  }

  @Test
  void saveToken_6ColumnFile_writes10ColumnsKeepingEveryFieldAndTheIds() throws Exception {
    upgrade("zoho-oldest-6col.csv");
  }

  private void upgrade(String fixture) throws Exception {
    Path file = Fixtures.copy(fixture, folder);
    List<OAuthToken> before;
    OAuthToken alice = OAuthToken.builder().userName("alice@example.com").accessToken("1000.at.alice.0003").build();
    OAuthToken updated;
    try (FileTokenStore store = FileTokenStore.open(file)) {
      before = store.getTokens();
      updated = store.saveToken(alice);
    }
    assertThat(firstLine(file)).isEqualTo(HEADER_10);
    List<OAuthToken> expected = new ArrayList<>();
    for (OAuthToken t : before) {
      expected.add(t.id().equals(updated.id()) ? t.withAccessToken(alice.accessToken(), t.expiresAt()) : t);
    }
    try (FileTokenStore store = FileTokenStore.open(file)) {
      assertThat(store.getTokens()).isEqualTo(expected);
    }
    assertThat(CsvFormat.read(Files.readAllBytes(file)).layout()).isEqualTo(CsvFormat.Layout.CURRENT_10);
  }

  @Test
  void saveToken_javaSdkFile_rewritesItByteForByteAsTheSdkWould() throws Exception {
    Path file = Fixtures.copy("zoho-java-sdk-10col.csv", folder);
    String original = Files.readString(file);
    try (FileTokenStore store = FileTokenStore.open(file)) {
      store.saveToken(OAuthToken.builder().userName("bob@example.eu").accessToken("1000.at.bob.0002").build());
    }
    assertThat(Files.readString(file)).isEqualTo(original.replace("1000.at.bob.0001", "1000.at.bob.0002"));
  }

  @Test
  void saveToken_pythonSdkFile_keepsItsRedirectUriSpelling() throws Exception {
    Path file = Fixtures.copy("zoho-python-sdk-10col.csv", folder);
    List<OAuthToken> before;
    try (FileTokenStore store = FileTokenStore.open(file)) {
      before = store.getTokens();
      store.saveToken(before.get(0));
    }
    assertThat(firstLine(file)).isEqualTo(HEADER_10.replace("redirect_url", "redirect_uri"));
    try (FileTokenStore store = FileTokenStore.open(file)) {
      assertThat(store.getTokens()).isEqualTo(before);
    }
  }

  @Test
  void saveToken_newFile_writesTheJavaSdkHeader() throws Exception {
    Path file = folder.resolve("tokens.csv");
    try (FileTokenStore store = FileTokenStore.open(file)) {
      store.saveToken(alice());
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo(HEADER_10);
    assertThat(lines).hasSize(2);
  }

  @Test
  void getTokens_oldestFormat_sameIdsFromEveryHandle() throws Exception {
    Path file = Fixtures.copy("zoho-oldest-6col.csv", folder);
    try (FileTokenStore a = FileTokenStore.open(file)) {
      List<OAuthToken> first = a.getTokens();
      try (FileTokenStore b = FileTokenStore.open(file)) {
        assertThat(b.getTokens()).isEqualTo(first);
      }
      assertThat(a.saveToken(alice().withUserName("new@example.com")).id()).isEqualTo("4");
    }
  }

  static OAuthToken alice() {
    return Child.token("alice@example.com", "a-1");
  }

  private static String firstLine(Path file) throws Exception {
    return Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
  }
}
