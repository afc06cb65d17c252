package dev.tokenkeep.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokenkeep.OAuthToken;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.Ssl;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.Test;

/** TLS is the JDK's: a server whose certificate nobody vouches for gets no secret. */
class TlsVerificationTest {

  @Test
  void selfSignedServer_isRefused_beforeAnySecretIsSent() {
    MockOAuth2Server tls = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
        new OAuth2TokenProvider(), Set.of(), new MockWebServerWrapper(new Ssl())));
    tls.start(InetAddress.getLoopbackAddress(), 0);
    try {
      URI tokenUrl = URI.create(tls.tokenEndpointUrl("tokenkeep").toString());
      assertThat(tokenUrl.getScheme()).isEqualTo("https");
      TokenEndpoint endpoint = TokenEndpoint.builder(OAuthProvider.of(tokenUrl, null, null))
          .retries(2, Duration.ofMillis(1), Duration.ofMillis(1))
          .sleeper(d -> { })
          .build();
      OAuthToken token = OAuthToken.builder().clientId("c").clientSecret("tls-test-secret-0123456789")
          .refreshToken("tls-test-refresh-token-0123456789").build();
      OAuthException e = catchThrowableOfType(OAuthException.class, () -> endpoint.refresh(token));
      assertThat(e.providerCode()).isEqualTo("io_error");
      assertThat(e).hasMessageContaining("SSLHandshakeException");
    } finally {
      tls.shutdown();
    }
  }
}
