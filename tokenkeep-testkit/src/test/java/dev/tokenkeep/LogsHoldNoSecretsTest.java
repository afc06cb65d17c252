package dev.tokenkeep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tokenkeep.oauth.OAuthException;
import dev.tokenkeep.oauth.OAuthProvider;
import dev.tokenkeep.oauth.ZohoDataCenter;
import dev.tokenkeep.testkit.MutableClock;
import dev.tokenkeep.testkit.ZohoTestServer;
import dev.tokenkeep.testkit.ZohoTestServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every path that logs (refresh, retries, refused refresh, throwing listener, grant
 * exchange, user lookup, revocation) with TokenKeep's loggers at debug, then reads the log:
 * none of the secrets involved may be in it.
 */
class LogsHoldNoSecretsTest {
  static final String CLIENT = "1000.LOGCLIENTAAAAAAAAAAAAAAAAAAAAAA";
  static final String SECRET = "log-client-secret-4f1c2b9e7d";
  static final String USER = "dave@example.com";

  @Test
  void everyPathThatLogs_logsNoSecret() throws Exception {
    String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
    assumeTrue(logFile != null, "run by Maven, which sends TokenKeep's debug log to target/test-log.txt");
    List<String> secrets = new ArrayList<>(List.of(SECRET));
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    TokenStore store = TokenStores.open("memory:");
    OAuthToken dave = OAuthToken.builder().userName(USER).clientId(CLIENT).build();
    try (ZohoTestServer server = ZohoTestServer.start().addClient(CLIENT, SECRET)) {
      TokenManager manager = TokenManager.builder(store,
              OAuthProvider.zoho(ZohoDataCenter.US).withAccountsServer(ZohoDataCenter.US, server.url()))
          .clock(clock).retries(3, Duration.ofMillis(1), Duration.ofMillis(2))
          .listener(new TokenListener() {
            @Override
            public void saved(OAuthToken token) {
              throw new IllegalStateException("a listener bug");
            }
          })
          .build();

      String code = server.issueCode(CLIENT, USER);
      secrets.add(code);
      OAuthToken first = manager.authorize(OAuthToken.builder().clientId(CLIENT).clientSecret(SECRET).grantToken(code).build());
      secrets.add(first.refreshToken().reveal());
      secrets.add(first.accessToken().reveal());

      clock.advance(Duration.ofHours(1));
      server.enqueue(Reply.unavailable(503), Reply.rateLimited());
      secrets.add(manager.accessToken(dave).reveal());

      String dead = "1000.dead0refresh0token.9a8b7c6d5e4f";
      secrets.add(dead);
      store.saveToken(dave.toBuilder().refreshToken(dead).build());
      clock.advance(Duration.ofHours(1));
      assertThatThrownBy(() -> manager.accessToken(dave)).isInstanceOf(OAuthException.class);

      String live = server.issueRefreshToken(CLIENT, USER);
      secrets.add(live);
      store.saveToken(dave.toBuilder().refreshToken(live).build());
      assertThat(manager.revoke(dave)).isTrue();
    }

    String log = Files.readString(Path.of(logFile));
    assertThat(log).contains("refreshed user dave@example.com").contains("re-authorization needed for user dave@example.com")
        .contains("retrying in").contains("a listener bug");
    for (String secret : secrets) {
      assertThat(log).doesNotContain(secret);
    }
  }
}
