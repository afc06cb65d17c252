package dev.tokenkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenManager;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.crypto.EncryptingTokenStore;
import dev.tokenkeep.crypto.Keyset;
import dev.tokenkeep.oauth.OAuthProvider;
import dev.tokenkeep.oauth.ZohoDataCenter;
import dev.tokenkeep.store.Migration;
import dev.tokenkeep.store.RefreshLock;
import dev.tokenkeep.testkit.MutableClock;
import dev.tokenkeep.testkit.ZohoTestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves that no secret escapes: the whole lifecycle (grant exchange, refresh, save, find, list,
 * migrate, revoke) runs on every store, through the library and through every command, with
 * TokenKeep's loggers at TRACE into {@code target/test-log.txt} (Maven sets it). Then the log, every
 * exception message, every {@code toString()} and all command output but that of {@code token} and
 * {@code show --reveal} are searched for each secret used: none may appear. Every file a store or
 * command wrote must be readable by its owner only.
 */
class SecretHygieneTest {
  static final String CLIENT = "tokenkeep-demo-client";
  static final String CLIENT_SECRET = "hygiene-client-secret-7c1d9e2f4a";
  static final String ZOHO_CLIENT = "1000.HYGIENECLIENTAAAAAAAAAAAAAAAA";
  static final String USER = DemoOAuthServer.USER;

  @TempDir Path dir;
  /** Every secret value used: none may be in {@link #searched}. */
  final List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET));
  /** Output, messages and descriptions that must hold no secret. */
  final List<String> searched = new ArrayList<>();
  private final List<AutoCloseable> cleanups = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void searchEverything() throws Exception {
    try {
      String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
      String log = logFile == null ? "" : Files.readString(Path.of(logFile));
      for (String secret : secrets) {
        assertThat(log).as("the TRACE log holds no secret").doesNotContain(secret);
        for (String text : searched) {
          assertThat(text).as("output, messages and toString() hold no secret").doesNotContain(secret);
        }
      }
    } finally {
      for (AutoCloseable c : cleanups) {
        c.close();
      }
    }
  }

  /** A new, empty store of {@code kind} by URI. */
  private String storeUri(String kind) {
    switch (kind) {
      case "memory":
        return "memory:";
      case "file":
        return "file:" + dir.resolve("tokens.csv");
      case "sqlite":
        return "sqlite:" + dir.resolve("tokens.db");
      default:
        ScratchDatabase db = ScratchDatabase.create(
            kind.equals("mariadb") ? ScratchDatabase.Server.MARIADB : ScratchDatabase.Server.POSTGRES);
        cleanups.add(db);
        return db.newTableUri();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "file", "sqlite", "mariadb", "postgres"})
  void library_lifecycleOnEncryptedStore_leaksNoSecret(String kind) throws Exception {
    assumeTrue(System.getProperty("org.slf4j.simpleLogger.logFile") != null,
        "run by Maven, which sends TokenKeep's TRACE log to target/test-log.txt");
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    Keyset keyset = Keyset.create(dir.resolve("keyset.json"));
    OAuthToken user = OAuthToken.builder().userName("erin@example.com").clientId(ZOHO_CLIENT).build();
    try (ZohoTestServer server = ZohoTestServer.start().addClient(ZOHO_CLIENT, CLIENT_SECRET);
        EncryptingTokenStore store = EncryptingTokenStore.wrap(TokenStores.open(storeUri(kind)), keyset);
        TokenStore copy = EncryptingTokenStore.wrap(TokenStores.open("memory:"), keyset)) {
      TokenManager manager = TokenManager.builder(store,
              OAuthProvider.zoho(ZohoDataCenter.US).withAccountsServer(ZohoDataCenter.US, server.url()))
          .clock(clock).retries(2, Duration.ofMillis(1), Duration.ofMillis(2)).build();
      String code = server.issueCode(ZOHO_CLIENT, "erin@example.com");
      secrets.add(code);
      OAuthToken first = manager.authorize(OAuthToken.builder().clientId(ZOHO_CLIENT).clientSecret(CLIENT_SECRET)
          .grantToken(code).build());
      secrets.add(first.refreshToken().reveal());
      secrets.add(first.accessToken().reveal());
      clock.advance(Duration.ofHours(2));
      secrets.add(manager.accessToken(user).reveal());

      String saved = "1000.saved.access.token.5e6f7a8b9c0d";
      secrets.add(saved);
      OAuthToken other = store.saveToken(OAuthToken.builder().userName("frank@example.com").clientId(ZOHO_CLIENT)
          .clientSecret(CLIENT_SECRET).accessToken(saved).refreshToken(first.refreshToken()).build());
      OAuthToken found = store.findToken(OAuthToken.builder().accessToken(saved).build()).orElseThrow();
      assertThat(found).isEqualTo(other);
      describe(first, other, found, store, store.findToken(user).orElseThrow(), keyset, RefreshLock.of(store));
      store.getTokens().forEach(this::describe);
      describe(Migration.copy(store, copy, false, (n, all) -> { }), copy, copy.getTokens());
      store.inspect().forEach(this::describe);

      errors(store, keyset);
      assertThat(manager.revoke(user)).isTrue();
      assertThat(store.findToken(user)).isEmpty();
    }
    String log = Files.readString(Path.of(System.getProperty("org.slf4j.simpleLogger.logFile")));
    assertThat(log).as("TokenManager logged at TRACE/DEBUG").contains("erin@example.com");
  }

  /** Each kind of error the stores raise, its message kept for the search. */
  private void errors(EncryptingTokenStore store, Keyset keyset) throws IOException {
    store.saveToken(OAuthToken.builder().userName("erin@example.com").clientId("1000.SECONDCLIENT")
        .accessToken("1000.second.client.access.token.00").build());
    secrets.add("1000.second.client.access.token.00");
    expectMessage(() -> store.findToken(OAuthToken.builder().userName("erin@example.com").build()));
    expectMessage(() -> store.saveToken(OAuthToken.builder().userName("gina@example.com").clientSecret(CLIENT_SECRET).build()));
    Keyset wrong = Keyset.create(dir.resolve("wrong-keyset.json"));
    EncryptingTokenStore misread = EncryptingTokenStore.wrap(store.inner(), wrong);
    expectMessage(misread::getTokens);
    expectMessage(() -> misread.saveToken(OAuthToken.builder().userName("erin@example.com").clientId(ZOHO_CLIENT)
        .accessToken("1000.overwrite.attempt.access.token").build()));
    expectMessage(() -> Keyset.create(keyset.file()));
    misread.inspect().forEach(this::describe);
  }

  private void expectMessage(Runnable action) {
    assertThatThrownBy(action::run).satisfies(e -> {
      for (Throwable t = e; t != null; t = t.getCause()) {
        describe(t.getMessage(), t);
      }
    });
  }

  private void describe(Object... things) {
    for (Object o : things) {
      searched.add(String.valueOf(o));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"file", "sqlite", "mariadb", "postgres"})
  void commands_lifecycleWithKeyset_printNoSecret_writeOnly0600Files(String kind) throws Exception {
    String store = storeUri(kind);
    try (DemoOAuthServer server = DemoOAuthServer.start()) {
      Cli cli = new Cli(server, store, dir.resolve("keyset.json"));
      assertThat(cli.run("keygen").out).contains("wrote keyset");
      String code = server.grantCode(CLIENT, "http://127.0.0.1:1/callback");
      secrets.add(code);
      Run add = cli.runWithInput(code + "\n", "add", "--client-id", CLIENT, "--grant-token-file", "-",
          "--redirect-url", "http://127.0.0.1:1/callback");
      assertThat(add.status).as(add.err).isZero();
      assertThat(cli.run("list").out).contains(USER);
      cli.run("list", "--json");
      cli.run("show", "--user", USER);
      secrets.add(cli.run("token", "--user", USER).out.strip());
      revealSecrets(cli);

      assertThat(cli.run("expire", "--user", USER).status).isZero();
      secrets.add(cli.run("token", "--user", USER).out.strip());
      revealSecrets(cli);
      Run doctor = cli.run("doctor");
      assertThat(doctor.out).contains("every secret is encrypted");

      String copy = "file:" + dir.resolve("copy.csv");
      assertThat(cli.run("migrate", "--from", store, "--to", copy).out).contains("copied 1 token");
      assertThat(cli.run("keygen", "--rotate").out).contains("as its primary");
      assertThat(cli.run("rekey").out).contains("re-encrypted 1 token");
      assertThat(cli.run("doctor").out).contains("every secret is encrypted");

      assertThat(cli.run("keygen", "--keyset", dir.resolve("other-keyset.json").toString()).status).isZero();
      Run wrong = cli.run("list", "--keyset", dir.resolve("other-keyset.json").toString());
      assertThat(wrong.status).isEqualTo(ExitCodes.STORE);
      assertThat(wrong.err).contains("which " + dir.resolve("other-keyset.json") + " does not hold");
      assertThat(cli.run("token", "--user", "nobody@example.com").status).isEqualTo(ExitCodes.NOT_FOUND);

      Run revoke = cli.run("revoke", "--user", USER);
      assertThat(revoke.status).as(revoke.err).isZero();
      assertThat(cli.run("list").out).doesNotContain(USER);
      String raw = Files.readString(dir.resolve("copy.csv"));
      assertThat(raw).contains("tk1:");
      searched.add(raw);
    }
    assertOwnerOnly(dir);
  }

  @Test
  void migrate_plaintextFileToEncryptedDatabase_andDoctorCountsPlaintext() throws Exception {
    try (DemoOAuthServer server = DemoOAuthServer.start()) {
      String plain = "file:" + dir.resolve("plain.csv");
      Cli cli = new Cli(server, plain, null);
      String code = server.grantCode(CLIENT, "http://127.0.0.1:1/callback");
      secrets.add(code);
      Run add = cli.runWithInput(code + "\n", "add", "--client-id", CLIENT, "--grant-token-file", "-",
          "--redirect-url", "http://127.0.0.1:1/callback");
      assertThat(add.status).as(add.err).isZero();
      revealSecrets(cli);
      assertThat(cli.run("doctor").out).contains("secrets are stored in plaintext, 0 encrypted");

      Path keyset = dir.resolve("keyset.json");
      assertThat(cli.run("keygen", "--keyset", keyset.toString()).status).isZero();
      String encrypted = "sqlite:" + dir.resolve("encrypted.db");
      Run migrate = cli.run("migrate", "--from", plain, "--to", encrypted, "--to-keyset", keyset.toString());
      assertThat(migrate.out).as(migrate.err).contains("copied 1 token", "verified 1 of 1");
      assertThat(cli.run("list", "--store", encrypted, "--keyset", keyset.toString()).out).contains(USER);
      Run noKeyset = cli.run("migrate", "--from", encrypted, "--to", "file:" + dir.resolve("again.csv"));
      assertThat(noKeyset.err).contains("no keyset was given for it; nothing was copied");
      assertThat(cli.run("doctor", "--store", encrypted).out).contains("0 secrets are stored in plaintext");
      // Regressions: without the keyset, ciphertexts must never pass for tokens, nor be overwritten in plaintext.
      Run token = cli.run("token", "--store", encrypted, "--user", USER);
      assertThat(token.status).isEqualTo(ExitCodes.STORE);
      assertThat(token.out).isEmpty();
      assertThat(token.err).contains("holds encrypted secrets and no keyset was given");
      assertThat(cli.run("show", "--store", encrypted, "--user", USER, "--reveal").status).isEqualTo(ExitCodes.STORE);
      Run decrypting = cli.run("migrate", "--from", plain, "--to", encrypted);
      assertThat(decrypting.status).isEqualTo(ExitCodes.STORE);
      assertThat(decrypting.err).contains("the target holds encrypted secrets");
      String raw = String.join("\n", ScratchDatabase.rawValues("jdbc:sqlite:" + dir.resolve("encrypted.db"), "oauthtoken"));
      assertThat(raw).contains(USER, "tk1:");
      searched.add(raw);
    }
    assertOwnerOnly(dir);
  }

  private void revealSecrets(Cli cli) throws Exception {
    JsonNode shown = json.readTree(cli.run("show", "--user", USER, "--reveal", "--json").out);
    for (String field : List.of("access_token", "refresh_token", "grant_token")) {
      if (shown.hasNonNull(field)) {
        secrets.add(shown.get(field).asText());
      }
    }
  }

  /** Every file under {@code folder} is readable and writable by its owner only. */
  static void assertOwnerOnly(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      List<Path> regular = files.filter(Files::isRegularFile).toList();
      assertThat(regular).isNotEmpty();
      for (Path f : regular) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as("%s", f).isEqualTo("rw-------");
      }
    }
  }

  /** What one in-process run printed and how it ended. */
  record Run(int status, String out, String err) {}

  /** Runs {@code tokenkeep} commands in this JVM, so their logging lands in the captured log. */
  final class Cli {
    private final Map<String, String> variables = new HashMap<>();

    Cli(DemoOAuthServer server, String store, Path keyset) {
      variables.put("TOKENKEEP_TOKEN_URL", server.tokenUrl());
      variables.put("TOKENKEEP_AUTHORIZATION_URL", server.authorizationUrl());
      variables.put("TOKENKEEP_REVOCATION_URL", server.revocationUrl());
      variables.put("TOKENKEEP_CLIENT_SECRET", CLIENT_SECRET);
      variables.put("TOKENKEEP_STORE", store);
      if (keyset != null) {
        variables.put("TOKENKEEP_KEYSET", keyset.toString());
      }
    }

    Run run(String... args) {
      return runWithInput("", args);
    }

    Run runWithInput(String input, String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      Environment env = new Environment(variables, new BufferedReader(new StringReader(input)), null,
          Clock.systemUTC(), dir.resolve("home"));
      int status = Main.run(args, env, new PrintWriter(out), new PrintWriter(err));
      boolean mayShowSecrets = args[0].equals("token") || List.of(args).contains("--reveal");
      if (!mayShowSecrets) {
        searched.add(out.toString());
        searched.add(err.toString());
      }
      return new Run(status, out.toString(), err.toString());
    }
  }
}
