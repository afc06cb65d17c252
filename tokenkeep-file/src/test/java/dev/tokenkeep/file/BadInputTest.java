package dev.tokenkeep.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.InvalidTokenException;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.store.Inspectable.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A file that does not read is an error naming file and line, and is never written. */
class BadInputTest {
  private static final String HEADER = String.join(",", OAuthToken.COLUMNS) + "\n";
  private static final String ALICE =
      "1,alice@example.com,1000.CLIENTA,s3cr3t-alpha,1000.rt.alice,1000.at.alice,,1893463200000,,https://www.zohoapis.com\n";
  private static final List<String> SECRETS = List.of("s3cr3t-alpha", "1000.rt.alice", "1000.at.alice", "s3cr3t-bob", "1000.rt.bob");

  @TempDir Path folder;

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("too few columns", HEADER + ALICE + "2,bob@example.com,1000.CLIENTA,s3cr3t-bob,1000.rt.bob,,\n",
            "line 3 has 7 columns, expected 10"),
        Arguments.of("too many columns", HEADER + ALICE.replace("\n", ",extra\n"), "line 2 has 11 columns, expected 10"),
        Arguments.of("10 columns under the 9-column header",
            HEADER.replace(",api_domain", "") + ALICE, "line 2 has 10 columns, expected 9"),
        Arguments.of("non-numeric expiry_time", HEADER + ALICE.replace("1893463200000", "tomorrow"),
            "line 2 cannot be read: expiry_time 'tomorrow' is not a whole number"),
        Arguments.of("unknown header", "token,owner\ns3cr3t-bob,bob\n", "unsupported token file format: line 1"),
        Arguments.of("no header, data first", ALICE + ALICE, "unsupported token file format: line 1"),
        Arguments.of("truncated last line", HEADER + ALICE + "2,bob@example.com,1000.CLIEN",
            "line 3 has 3 columns, expected 10"),
        Arguments.of("unterminated quote at the end", HEADER + ALICE + "2,\"bob@example.com,1000.CLIENTA,s3cr3t-bob",
            "line 3 is not valid CSV"),
        Arguments.of("text after a closing quote", HEADER + "\n\n" + ALICE + "2,\"bob\"x,1000.CLIENTA,s3cr3t-bob,1000.rt.bob,,,,,\n",
            "line 5 is not valid CSV"),
        Arguments.of("blank lines before the bad row", HEADER + "\n" + ALICE + "\r\n\r\n" + "2,bob\n",
            "line 6 has 2 columns"),
        Arguments.of("a row after a multi-line value", HEADER + ALICE.replace(",,https", ",\"https://a\nb\",https")
            + "2,bob\n", "line 4 has 2 columns"),
        Arguments.of("repeated id", HEADER + ALICE + ALICE.replace("alice", "bob"), "line 3 repeats id 1 of line 2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void everyOperation_badFile_failsNamingFileAndLineAndNeverWrites(String what, String content, String detail)
      throws Exception {
    check(content.getBytes(StandardCharsets.UTF_8), detail);
  }

  @Test
  void everyOperation_notUtf8_failsNamingTheLine() throws Exception {
    byte[] latin1 = (HEADER + ALICE + "2,ren\u00e9e@example.com,1000.CLIENTA,s3cr3t-bob,1000.rt.bob,,,,,\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    check(latin1, "line 3 is not UTF-8 text");
  }

  private void check(byte[] content, String detail) throws Exception {
    Path file = folder.resolve("tokens.csv");
    Files.write(file, content);
    try (FileTokenStore store = FileTokenStore.open(file)) {
      List<Consumer<FileTokenStore>> operations = List.of(
          s -> s.findToken(OAuthToken.builder().userName("alice@example.com").build()),
          s -> s.findTokenById("1"),
          s -> s.getTokens(),
          s -> s.saveToken(FormatUpgradeTest.alice()),
          s -> s.saveToken(FormatUpgradeTest.alice().withId("1")),
          s -> s.deleteToken("1"),
          s -> s.deleteTokens());
      for (Consumer<FileTokenStore> operation : operations) {
        assertThatThrownBy(() -> operation.accept(store))
            .isInstanceOf(TokenStoreException.class)
            .hasMessageContaining("file:" + file)
            .hasMessageContaining(detail)
            .satisfies(e -> assertNoSecret(e.getMessage()));
      }
      assertThatThrownBy(() -> store.saveToken(FormatUpgradeTest.alice()))
          .hasMessageContaining("nothing was written");
      List<Finding> findings = store.inspect();
      assertThat(findings).filteredOn(f -> f.level() == Finding.Level.PROBLEM)
          .extracting(Finding::message).anySatisfy(m -> assertThat(m).contains(detail));
    }
    assertThat(Files.readAllBytes(file)).as("the file is left exactly as it was").isEqualTo(content);
    assertThat(AtomicWriter.leftovers(file)).isEmpty();
  }

  @Test
  void errors_rowThatDoesNotRead_isInvalidToken_unknownFormatIsStoreError() throws Exception {
    Path file = folder.resolve("tokens.csv");
    Files.writeString(file, HEADER + "1,alice\n");
    try (FileTokenStore store = FileTokenStore.open(file)) {
      assertThatThrownBy(store::getTokens).isInstanceOf(InvalidTokenException.class)
          .hasMessage("file:" + file + " getTokens: line 2 has 2 columns, expected 10 as the header says; "
              + "the file was left as it is — fix or remove that line");
      Files.writeString(file, "a,b\n");
      assertThatThrownBy(store::getTokens).isExactlyInstanceOf(TokenStoreException.class)
          .hasMessageStartingWith("file:" + file + " getTokens: unsupported token file format: line 1 is not a header")
          .hasMessageContaining("(it reads a,b)");
    }
  }

  @Test
  void saveToken_afterTheFileIsFixed_writesAgain() throws Exception {
    Path file = folder.resolve("tokens.csv");
    Files.writeString(file, HEADER + ALICE + "2,bob\n");
    try (FileTokenStore store = FileTokenStore.open(file)) {
      assertThatThrownBy(store::getTokens).isInstanceOf(InvalidTokenException.class);
      Files.writeString(file, HEADER + ALICE);
      assertThat(store.saveToken(FormatUpgradeTest.alice().withUserName("bob@example.com")).id()).isEqualTo("2");
      assertThat(store.getTokens()).hasSize(2);
    }
  }

  static Stream<Arguments> emptyFiles() {
    return Stream.of(
        Arguments.of("0 bytes", ""),
        Arguments.of("blank lines", "\n\r\n\n"),
        Arguments.of("header only", HEADER),
        Arguments.of("header with a byte order mark", "\uFEFF" + HEADER),
        Arguments.of("9-column header only", HEADER.replace(",api_domain", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("emptyFiles")
  void getTokens_emptyFile_isEmptyStoreAndSaveWritesIt(String what, String content) throws Exception {
    Path file = folder.resolve("tokens.csv");
    Files.writeString(file, content);
    try (FileTokenStore store = FileTokenStore.open(file)) {
      assertThat(store.getTokens()).isEmpty();
      store.saveToken(FormatUpgradeTest.alice());
    }
    assertThat(Files.readAllLines(file).get(0)).isEqualTo(HEADER.trim());
  }

  private static void assertNoSecret(String message) {
    for (String secret : SECRETS) {
      assertThat(message).doesNotContain(secret);
    }
  }
}
