package dev.tokenkeep.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * The peer on databases: Spring Security's {@code JdbcOAuth2AuthorizedClientService} on its
 * documented {@code oauth2_authorized_client} table, in the same databases, at the same sizes
 * and with the same keys as {@link StoreBenchmark}, over a HikariCP pool as TokenKeep's.
 * {@code findByUser} is {@code loadAuthorizedClient}, {@code update} a {@code
 * saveAuthorizedClient} of a stored principal, {@code insert} one of a new principal followed by
 * {@code removeAuthorizedClient}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpringPeerBenchmark {
  private static final String REGISTRATION = "zoho";
  private static final String TABLE = "oauth2_authorized_client";

  @Param({"h2", "mariadb", "postgresql"})
  public String db;

  @Param({"1000", "10000", "100000"})
  public int tokens;

  private HikariDataSource dataSource;
  private JdbcOAuth2AuthorizedClientService service;
  private ClientRegistration registration;
  private String[] users;
  private Authentication[] principals;
  private int[] keys;
  private int next;
  private long round;

  @Setup
  public void setUp() throws Exception {
    String url = Stores.jdbcUrl(db, tokens);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("spring-peer");
    dataSource = new HikariDataSource(config);
    fill(tokens);
    registration = ClientRegistration.withRegistrationId(REGISTRATION).clientId(Fixture.CLIENT_ID)
        .clientSecret(Fixture.CLIENT_SECRET).authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri(Fixture.REDIRECT_URL).authorizationUri("https://accounts.zoho.com/oauth/v2/auth")
        .tokenUri("https://accounts.zoho.com/oauth/v2/token").build();
    service = new JdbcOAuth2AuthorizedClientService(new JdbcTemplate(dataSource),
        new InMemoryClientRegistrationRepository(registration));
    keys = Fixture.keys(tokens);
    users = new String[keys.length];
    principals = new Authentication[keys.length];
    for (int i = 0; i < keys.length; i++) {
      users[i] = Fixture.user(keys[i]);
      principals[i] = UsernamePasswordAuthenticationToken.unauthenticated(users[i], null);
    }
    if (service.loadAuthorizedClient(REGISTRATION, Fixture.user(tokens)) == null) {
      throw new IllegalStateException("bench: spring on " + db + " holds no client of " + Fixture.user(tokens));
    }
  }

  @TearDown
  public void tearDown() {
    dataSource.close();
  }

  private int key() {
    next = (next + 1) & (Fixture.KEYS - 1);
    return next;
  }

  @Benchmark
  public OAuth2AuthorizedClient findByUser() {
    return service.loadAuthorizedClient(REGISTRATION, users[key()]);
  }

  @Benchmark
  public void update() {
    int i = key();
    round++;
    service.saveAuthorizedClient(client(users[i], keys[i], round), principals[i]);
  }

  @Benchmark
  public void insert() {
    round++;
    String user = "new" + round + "@example.com";
    service.saveAuthorizedClient(client(user, round, round), UsernamePasswordAuthenticationToken.unauthenticated(user, null));
    service.removeAuthorizedClient(REGISTRATION, user);
  }

  private OAuth2AuthorizedClient client(String user, long n, long round) {
    OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
        Fixture.accessToken(n, round), Fixture.ISSUED, Fixture.EXPIRES.plusSeconds(round), Set.of("ZohoCRM.modules.ALL"));
    return new OAuth2AuthorizedClient(registration, user, access, new OAuth2RefreshToken(Fixture.refreshToken(n), Fixture.ISSUED));
  }

  /** Creates the table of Spring's documented schema and fills it unless it holds {@code tokens} rows. */
  private void fill(int tokens) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String blob = db.equals("postgresql") ? "bytea" : "blob";
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "client_registration_id varchar(100) NOT NULL, principal_name varchar(200) NOT NULL, "
            + "access_token_type varchar(100) NOT NULL, access_token_value " + blob + " NOT NULL, "
            + "access_token_issued_at timestamp NOT NULL, access_token_expires_at timestamp NOT NULL, "
            + "access_token_scopes varchar(1000) DEFAULT NULL, refresh_token_value " + blob + " DEFAULT NULL, "
            + "refresh_token_issued_at timestamp NULL DEFAULT NULL, "
            + "created_at timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL, "
            + "PRIMARY KEY (client_registration_id, principal_name))");
      }
      if (Stores.count(c, TABLE) == tokens) {
        return;
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM " + TABLE);
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (client_registration_id, "
          + "principal_name, access_token_type, access_token_value, access_token_issued_at, access_token_expires_at, "
          + "access_token_scopes, refresh_token_value, refresh_token_issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int n = 1; n <= tokens; n++) {
          ps.setString(1, REGISTRATION);
          ps.setString(2, Fixture.user(n));
          ps.setString(3, OAuth2AccessToken.TokenType.BEARER.getValue());
          ps.setBytes(4, Fixture.accessToken(n, 0).getBytes(StandardCharsets.UTF_8));
          ps.setTimestamp(5, timestamp(Fixture.ISSUED));
          ps.setTimestamp(6, timestamp(Fixture.EXPIRES));
          ps.setString(7, "ZohoCRM.modules.ALL");
          ps.setBytes(8, Fixture.refreshToken(n).getBytes(StandardCharsets.UTF_8));
          ps.setTimestamp(9, timestamp(Fixture.ISSUED));
          ps.addBatch();
          if (n % 5_000 == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
      Stores.analyze(c, dataSource.getJdbcUrl(), TABLE);
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.from(instant);
  }
}
