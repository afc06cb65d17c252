package dev.tokenkeep.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression: a replaced secret (plaintext before rekey) stayed readable in SQLite's free pages. */
class SecureDeleteTest {
  @TempDir Path dir;

  @Test
  void sqlite_replacedAndDeletedSecrets_doNotLingerInTheFile() throws Exception {
    Path db = dir.resolve("tokens.db");
    try (TokenStore store = TokenStores.open("sqlite:" + db)) {
      OAuthToken saved = store.saveToken(OAuthToken.builder().userName("a@x").refreshToken("OLD-REFRESH-SECRET-0123456789").build());
      store.saveToken(OAuthToken.builder().id(saved.id()).refreshToken("NEW-REFRESH-SECRET-0123456789").build());
      store.saveToken(OAuthToken.builder().userName("b@x").accessToken("GONE-ACCESS-SECRET-0123456789").build());
      store.deleteToken(store.findToken(OAuthToken.builder().userName("b@x").build()).orElseThrow().id());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    String raw = new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1);
    assertThat(raw).contains("NEW-REFRESH-SECRET").doesNotContain("OLD-REFRESH-SECRET").doesNotContain("GONE-ACCESS-SECRET");
  }
}
