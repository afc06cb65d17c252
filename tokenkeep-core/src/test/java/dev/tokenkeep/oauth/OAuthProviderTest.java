package dev.tokenkeep.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.oauth.OAuthProvider.ClientAuthentication;
import dev.tokenkeep.oauth.ZohoDataCenter.Environment;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OAuthProviderTest {

  @Test
  void zoho_usesItsDataCentersAccountsServer() {
    OAuthProvider eu = OAuthProvider.zoho(ZohoDataCenter.EU);
    assertThat(eu.tokenUrl()).hasToString("https://accounts.zoho.eu/oauth/v2/token");
    assertThat(eu.revocationUrl()).contains(URI.create("https://accounts.zoho.eu/oauth/v2/token/revoke"));
    assertThat(eu.authorizationUrl()).contains(URI.create("https://accounts.zoho.eu/oauth/v2/auth"));
    assertThat(eu.clientAuthentication()).isEqualTo(ClientAuthentication.FORM_BODY);
    assertThat(eu.name()).isEqualTo("accounts.zoho.eu");
    assertThat(eu).hasToString("zoho EU production (accounts.zoho.eu)");
  }

  @Test
  void zohoSandbox_usesTheSameAccountsServer() {
    OAuthProvider sandbox = OAuthProvider.zoho(ZohoDataCenter.CA, Environment.SANDBOX);
    assertThat(sandbox.tokenUrl()).hasToString("https://accounts.zohocloud.ca/oauth/v2/token");
    assertThat(sandbox.environment()).contains(Environment.SANDBOX);
  }

  @Test
  void forApiDomain_followsTheTokensDataCenter() {
    OAuthProvider us = OAuthProvider.zoho(ZohoDataCenter.US);
    assertThat(us.forApiDomain("https://www.zohoapis.eu").tokenUrl())
        .hasToString("https://accounts.zoho.eu/oauth/v2/token");
    assertThat(us.forApiDomain("https://sandbox.zohoapis.com.au").environment()).contains(Environment.SANDBOX);
    assertThat(us.forApiDomain("https://www.zohoapis.com")).isSameAs(us);
    assertThat(us.forApiDomain(null)).isSameAs(us);
    assertThat(us.forApiDomain("https://www.zohoapis.eu.evil.example")).isSameAs(us);
  }

  @Test
  void withAccountsServer_reroutesOneDataCenter() {
    OAuthProvider p = OAuthProvider.zoho(ZohoDataCenter.US)
        .withAccountsServer(ZohoDataCenter.EU, URI.create("http://127.0.0.1:8081"));
    assertThat(p.tokenUrl()).hasToString("https://accounts.zoho.com/oauth/v2/token");
    assertThat(p.forApiDomain("https://www.zohoapis.eu").tokenUrl()).hasToString("http://127.0.0.1:8081/oauth/v2/token");
    assertThat(p.forApiDomain("https://www.zohoapis.in").tokenUrl()).hasToString("https://accounts.zoho.in/oauth/v2/token");
  }

  @Test
  void withers_keepTheOtherSettings() {
    OAuthProvider p = OAuthProvider.zoho(ZohoDataCenter.JP)
        .withUserLookup(false)
        .withClientAuthentication(ClientAuthentication.BASIC)
        .withAccountsServer(ZohoDataCenter.JP, URI.create("http://localhost:9000/"));
    assertThat(p.userLookup()).isFalse();
    assertThat(p.clientAuthentication()).isEqualTo(ClientAuthentication.BASIC);
    assertThat(p.tokenUrl()).hasToString("http://localhost:9000/oauth/v2/token");
    assertThat(p.forApiDomain("https://www.zohoapis.eu").userLookup()).isFalse();
  }

  @Test
  void of_anyProvider() {
    OAuthProvider p = OAuthProvider.of(URI.create("https://idp.example.com/token"), null, null);
    assertThat(p.isZoho()).isFalse();
    assertThat(p.revocationUrl()).isEmpty();
    assertThat(p.forApiDomain("https://www.zohoapis.eu")).isSameAs(p);
    assertThatThrownBy(() -> p.withAccountsServer(ZohoDataCenter.EU, URI.create("https://x.example")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("idp.example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://idp.example.com/token", "http://10.0.0.1/token", "ftp://idp.example.com/token", "/token"})
  void of_refusesInsecureOrRelativeUrls(String url) {
    assertThatThrownBy(() -> OAuthProvider.of(URI.create(url), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:1234/token", "http://localhost/token", "http://[::1]:80/token"})
  void of_acceptsPlainHttpOnLoopback(String url) {
    assertThat(OAuthProvider.of(URI.create(url), null, null).tokenUrl()).hasToString(url);
  }

  @Test
  void of_refusesCredentialsInTheUrl() {
    assertThatThrownBy(() -> OAuthProvider.of(URI.create("https://id:secret@idp.example.com/token"), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret@");
  }

  @Test
  void authorizationUri_zohoAsksForOfflineAccessAndJoinsScopesWithCommas() {
    URI uri = OAuthProvider.zoho(ZohoDataCenter.EU).authorizationUri(
        "1000.ABC", "http://localhost:8080/cb", List.of("ZohoCRM.modules.ALL", "ZohoCRM.users.READ"), "s t");
    assertThat(uri).hasToString("https://accounts.zoho.eu/oauth/v2/auth?response_type=code&client_id=1000.ABC"
        + "&scope=ZohoCRM.modules.ALL%2CZohoCRM.users.READ&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcb"
        + "&access_type=offline&prompt=consent&state=s+t");
  }

  @Test
  void authorizationUri_genericJoinsScopesWithSpaces() {
    OAuthProvider p = OAuthProvider.of(URI.create("https://idp.example.com/token"), null,
        URI.create("https://idp.example.com/auth?tenant=a"));
    assertThat(p.authorizationUri("c", "https://app.example.com/cb", List.of("openid", "email"), null))
        .hasToString("https://idp.example.com/auth?tenant=a&response_type=code&client_id=c&scope=openid+email"
            + "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb");
  }
}
