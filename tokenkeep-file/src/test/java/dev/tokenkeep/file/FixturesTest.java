package dev.tokenkeep.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.store.StoreRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every token file in {@code shared/fixtures}, written by Zoho's SDKs, reads as its JSON says. */
class FixturesTest {
  @TempDir Path folder;

  static List<String> fixtures() throws Exception {
    return Fixtures.csvFiles();
  }

  @Test
  void fixtures_areThere() throws Exception {
    assertThat(fixtures()).as("fixtures in %s", Fixtures.folder()).hasSizeGreaterThanOrEqualTo(4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void getTokens_fixture_equalsItsJson(String fixture) throws Exception {
    Path file = Fixtures.copy(fixture, folder);
    byte[] before = Files.readAllBytes(file);
    List<OAuthToken> expected = expected(fixture);
    try (FileTokenStore store = FileTokenStore.open(file)) {
      List<OAuthToken> read = store.getTokens();
      assertThat(read).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        OAuthToken want = expected.get(i);
        OAuthToken got = read.get(i);
        if (want.id() == null) { // the oldest format has no ids; they are given in file order
          assertThat(got.id()).isEqualTo(Integer.toString(i + 1));
          got = got.withId(null);
        }
        assertThat(got).as("%s, token %d", fixture, i + 1).isEqualTo(want);
      }
      OAuthToken first = expected.get(0);
      OAuthToken byUser = OAuthToken.builder().userName(first.userName()).clientId(first.clientId()).build();
      assertThat(store.findToken(byUser).map(OAuthToken::accessToken)).contains(first.accessToken());
    }
    assertThat(Files.readAllBytes(file)).as("reading never writes").isEqualTo(before);
  }

  /** The JSON beside a fixture: its tokens in file order, ten columns each, null for absent. */
  private static List<OAuthToken> expected(String fixture) throws Exception {
    Path json = Fixtures.folder().resolve(fixture.replaceAll("\\.csv$", ".json"));
    List<Map<String, String>> rows = new ObjectMapper().readValue(json.toFile(), new TypeReference<>() {});
    List<OAuthToken> tokens = new ArrayList<>();
    for (Map<String, String> row : rows) {
      List<String> values = new ArrayList<>();
      for (String column : OAuthToken.COLUMNS) {
        values.add(row.get(column));
      }
      tokens.add(StoreRules.fromRow(values));
    }
    return tokens;
  }
}
