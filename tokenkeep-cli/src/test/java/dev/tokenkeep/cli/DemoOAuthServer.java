package dev.tokenkeep.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OAuth 2.0 server on loopback for the demo and the end-to-end tests: mock-oauth2-server
 * with refresh-token rotation on and no login page, whose tokens name {@link #USER} in their
 * {@code email} claim. Run as a program it prints its issuer URL and serves until standard input
 * closes.
 */
final class DemoOAuthServer implements AutoCloseable {
  static final String ISSUER = "tokenkeep-demo";
  static final String USER = "demo.user@example.com";

  private final MockOAuth2Server server;

  private DemoOAuthServer(MockOAuth2Server server) {
    this.server = server;
  }

  /** Starts on a free loopback port. */
  static DemoOAuthServer start() {
    DefaultOAuth2TokenCallback claims = new DefaultOAuth2TokenCallback(
        ISSUER, USER, "JWT", List.of("tokenkeep-demo-client"), Map.of("email", USER), 3600);
    OAuth2Config config = new OAuth2Config(false, null, null, true, new OAuth2TokenProvider(), Set.of(claims),
        new no.nav.security.mock.oauth2.http.MockWebServerWrapper());
    MockOAuth2Server server = new MockOAuth2Server(config);
    server.start(InetAddress.getLoopbackAddress(), 0);
    return new DemoOAuthServer(server);
  }

  String tokenUrl() {
    return server.tokenEndpointUrl(ISSUER).toString();
  }

  String authorizationUrl() {
    return server.authorizationEndpointUrl(ISSUER).toString();
  }

  String revocationUrl() {
    return server.revocationEndpointUrl(ISSUER).toString();
  }

  /** A grant code for {@code clientId}, as the provider's redirect to {@code redirect} carries it. */
  String grantCode(String clientId, String redirect) throws IOException, InterruptedException {
    java.net.URI consent = java.net.URI.create(authorizationUrl() + "?response_type=code&client_id=" + clientId
        + "&redirect_uri=" + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8)
        + "&scope=openid+email&state=s");
    java.net.http.HttpResponse<Void> r = java.net.http.HttpClient.newHttpClient()
        .send(java.net.http.HttpRequest.newBuilder(consent).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]code=([^&]+)")
        .matcher(r.headers().firstValue("Location").orElseThrow());
    if (!m.find()) {
      throw new IllegalStateException("mock-oauth2-server redirected without a code");
    }
    return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Prints the three endpoint URLs as shell variable assignments, then serves until stdin closes. */
  public static void main(String[] args) throws IOException {
    try (DemoOAuthServer s = start()) {
      System.out.println("TOKENKEEP_TOKEN_URL=" + s.tokenUrl());
      System.out.println("TOKENKEEP_AUTHORIZATION_URL=" + s.authorizationUrl());
      System.out.println("TOKENKEEP_REVOCATION_URL=" + s.revocationUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Serve until the demo closes our standard input.
      }
    }
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
