package dev.tokenkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command end to end, through the real jar, against mock-oauth2-server on loopback, on the
 * store a subclass names: the exit codes, and no secret printed except by {@code token} and
 * {@code show --reveal}.
 */
abstract class CommandsContract {
  static final String CLIENT = "tokenkeep-demo-client";
  static final String SECRET = "demo-client-secret-0123456789";
  static final String USER = DemoOAuthServer.USER;

  @TempDir Path dir;
  DemoOAuthServer server;
  Tk tk;
  String store;
  final List<String> secrets = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper();

  /** A URI naming a new, empty store. */
  abstract String storeUri() throws Exception;

  /** The store the commands use; the default SQLite store when {@link #storeUri()} is null. */
  String effectiveStoreUri() throws Exception {
    return store;
  }

  /** Drops what {@link #storeUri()} made. */
  void dropStore() throws Exception {}

  @BeforeEach
  void start() throws Exception {
    server = DemoOAuthServer.start();
    store = storeUri();
    tk = new Tk()
        .env("TOKENKEEP_TOKEN_URL", server.tokenUrl())
        .env("TOKENKEEP_AUTHORIZATION_URL", server.authorizationUrl())
        .env("TOKENKEEP_REVOCATION_URL", server.revocationUrl())
        .env("TOKENKEEP_CLIENT_SECRET", SECRET)
        .env("XDG_DATA_HOME", dir.resolve("data").toString());
    if (store != null) {
      tk.env("TOKENKEEP_STORE", store);
    }
    secrets.add(SECRET);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      for (String text : tk.printed) {
        for (String secret : secrets) {
          assertThat(text).as("output shows no secret").doesNotContain(secret);
        }
      }
    } finally {
      server.close();
      dropStore();
    }
  }

  @Test
  void lifecycle_loginListTokenExpireMigrateDoctorRevoke() throws Exception {
    login();

    Tk.Run list = tk.run("list");
    assertThat(list.status()).isZero();
    assertThat(list.out()).contains(USER, "in 59m", "yes");

    JsonNode rows = json.readTree(tk.run("list", "--json").out());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("user_name").asText()).isEqualTo(USER);
    assertThat(rows.get(0).get("has_refresh_token").asBoolean()).isTrue();

    Tk.Run token = tk.run("token", "--user", USER);
    assertThat(token.status()).isZero();
    String first = token.out().strip();
    assertThat(token.out()).isEqualTo(first + "\n").as("token prints the token and nothing else");
    JsonNode revealed = json.readTree(tk.run("show", "--user", USER, "--reveal", "--json").out());
    assertThat(revealed.get("access_token").asText()).isEqualTo(first);
    secrets.add(first);
    secrets.add(revealed.get("refresh_token").asText());
    secrets.add(revealed.get("grant_token").asText());

    Tk.Run show = tk.run("show", "--user", USER);
    assertThat(show.status()).isZero();
    assertThat(show.out()).contains("access_token", "…[");

    assertThat(tk.run("token", "--user", USER).out().strip()).as("a valid token is not refreshed").isEqualTo(first);
    assertThat(tk.run("expire", "--user", USER).status()).isZero();
    String second = tk.run("token", "--user", USER).out().strip();
    assertThat(second).isNotBlank().isNotEqualTo(first);
    secrets.add(second);
    secrets.add(json.readTree(tk.run("show", "--user", USER, "--reveal", "--json").out()).get("refresh_token").asText());

    String copy = "file:" + dir.resolve("copy.csv");
    Tk.Run migrate = tk.run("migrate", "--from", effectiveStoreUri(), "--to", copy);
    assertThat(migrate.status()).isZero();
    assertThat(migrate.out()).contains("copied 1 token ", "verified 1 of 1");
    assertThat(tk.run("migrate", "--from", effectiveStoreUri(), "--to", copy).out()).contains("copied 0 tokens");
    assertThat(tk.run("migrate", "--from", effectiveStoreUri(), "--to", copy, "--dry-run").out()).contains("0 would be copied");

    Tk.Run doctor = tk.run("doctor");
    assertThat(doctor.status()).as(doctor.all()).isZero();
    assertThat(doctor.out()).contains("all is well");

    Tk.Run revoke = tk.run("revoke", "--user", USER);
    assertThat(revoke.status()).as(revoke.all()).isZero();
    assertThat(tk.run("list").out()).doesNotContain(USER);
    assertThat(tk.run("token", "--user", USER).status()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void add_grantCodeAndRefreshToken_storeTokens() throws Exception {
    String code = code();
    secrets.add(code);
    Tk.Run grant = tk.runWithInput(code + "\n", "add", "--client-id", CLIENT, "--grant-token-file", "-",
        "--redirect-url", "http://127.0.0.1:1/callback");
    assertThat(grant.status()).as(grant.all()).isZero();
    assertThat(grant.out()).contains("stored token", USER);

    String refresh = json.readTree(tk.run("show", "--user", USER, "--reveal", "--json").out()).get("refresh_token").asText();
    secrets.add(refresh);
    Path refreshFile = dir.resolve("refresh.txt");
    Files.writeString(refreshFile, refresh);
    Tk.Run added = tk.run("add", "--client-id", CLIENT, "--refresh-token-file", refreshFile.toString(), "--user", "other@example.com");
    assertThat(added.status()).as(added.all()).isZero();
    assertThat(tk.run("list").out()).contains("other@example.com", USER);
    secrets.add(json.readTree(tk.run("show", "--user", "other@example.com", "--reveal", "--json").out())
        .get("access_token").asText());
  }

  @Test
  void exitCodes_areTheDocumentedOnes() throws Exception {
    assertThat(tk.run("--help").out()).contains("Exit codes:", "4   Re-authorization needed");
    assertThat(tk.run("list", "--no-such-option").status()).isEqualTo(ExitCodes.USAGE);
    assertThat(tk.run("list", "--store", "nosuch:x").status()).isEqualTo(ExitCodes.USAGE);
    assertThat(tk.run("token", "--user", "nobody@example.com").status()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(tk.run("delete", "--id", "999").status()).isEqualTo(ExitCodes.NOT_FOUND);

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "not,a,token,file\n");
    Tk.Run broken = tk.run("list", "--store", "file:" + bad);
    assertThat(broken.status()).isEqualTo(ExitCodes.STORE);
    assertThat(broken.err()).startsWith("tokenkeep: ").contains(bad.toString());

    String deadRefresh = "dead-refresh-token-0123456789";
    secrets.add(deadRefresh);
    Tk.Run dead = tk.env("TOKENKEEP_REFRESH_TOKEN", deadRefresh)
        .run("add", "--client-id", CLIENT, "--refresh", "--user", "dead@example.com");
    assertThat(dead.status()).as(dead.all()).isEqualTo(ExitCodes.REAUTHORIZE);
    assertThat(tk.run("list").out()).doesNotContain("dead@example.com");

    login();
    assertThat(tk.run("expire", "--user", USER).status()).isZero();
    Tk.Run down = tk.run("token", "--user", USER, "--token-url", "http://127.0.0.1:9/token", "--timeout", "PT2S");
    assertThat(down.status()).as(down.all()).isEqualTo(ExitCodes.PROVIDER);

    assertThat(tk.run("add", "--client-id", CLIENT, "--refresh", "--user", "").status()).isEqualTo(ExitCodes.USAGE);
    assertThat(tk.run("add", "--client-id", CLIENT, "--refresh", "--user", "a\nb").status()).isEqualTo(ExitCodes.USAGE);
    assertThat(tk.run("add", "--client-id", CLIENT, "--refresh", "--user", "x".repeat(256)).status()).isEqualTo(ExitCodes.USAGE);
    assertThat(tk.run("add", "--client-id", CLIENT, "--refresh", "--user", "u@x", "--client-secret-file", "/nonexistent")
        .status()).isEqualTo(ExitCodes.USAGE);
    assertThat(tk.run("token", "--user", USER, "--dc", "xx").status()).isEqualTo(ExitCodes.USAGE);
    assertThat(tk.run("list", "--store", "sqlite:" + dir.resolve("missing/t.db")).status()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(dir.resolve("missing")).doesNotExist();
    assertThat(tk.run("migrate", "--from", "file:" + dir.resolve("missing.csv"), "--to", "memory:").status())
        .isEqualTo(ExitCodes.NOT_FOUND);

    Tk.Run noAnswer = tk.run("delete", "--all");
    assertThat(noAnswer.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(tk.runWithInput("no\n", "delete", "--all").out()).contains("nothing deleted");
    assertThat(tk.run("list").out()).contains(USER);
    assertThat(tk.run("delete", "--all", "--yes").status()).isZero();
    assertThat(tk.run("list").out()).doesNotContain(USER);
  }

  /** Runs {@code tokenkeep login} and plays the person at the browser. */
  void login() throws Exception {
    Process login = tk.start("login", "--client-id", CLIENT, "--redirect-port", "0", "--no-browser");
    StringBuilder err = new StringBuilder();
    String url = Tk.authorizationUrl(login, err);
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("TokenKeep received the authorization");
    assertThat(login.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(login.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    err.append(new String(login.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    assertThat(login.exitValue()).as(err.toString()).isZero();
    assertThat(out).contains("logged in " + USER);
    tk.printed.add(out + err);
  }

  /** A grant code, as the provider's redirect carries it. */
  private String code() throws Exception {
    return server.grantCode(CLIENT, "http://127.0.0.1:1/callback");
  }
}
