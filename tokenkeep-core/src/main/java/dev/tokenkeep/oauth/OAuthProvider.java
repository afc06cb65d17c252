package dev.tokenkeep.oauth;

import dev.tokenkeep.oauth.ZohoDataCenter.Environment;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an OAuth provider: its token, revocation and authorization URLs and how
 * the client authenticates. Immutable; change a copy with the {@code with…} methods.
 *
 * <p>{@link #zoho(ZohoDataCenter)} describes Zoho's accounts server of a data center; a Zoho
 * provider refreshes each token at the accounts server of the data center its {@code api_domain}
 * names ({@link #forApiDomain}), so one store can hold users of several data centers. {@link
 * #of(URI, URI, URI)} describes any other provider.
 *
 * <p>Every URL must be https; plain http is accepted only for loopback hosts, where tests run
 * their servers. Secrets never travel in clear text to another machine.
 */
public final class OAuthProvider {
  /** How the client id and secret travel to the token endpoint. */
  public enum ClientAuthentication {
    /** {@code client_id} and {@code client_secret} in the form body, as Zoho expects. */
    FORM_BODY,
    /** An HTTP Basic {@code Authorization} header (RFC 6749 §2.3.1). */
    BASIC
  }

  private static final String ZOHO_TOKEN_PATH = "/oauth/v2/token";
  private static final String ZOHO_REVOKE_PATH = "/oauth/v2/token/revoke";
  private static final String ZOHO_AUTH_PATH = "/oauth/v2/auth";

  private final URI tokenUrl;
  private final URI revocationUrl;
  private final URI authorizationUrl;
  private final ClientAuthentication clientAuthentication;
  private final ZohoDataCenter dataCenter;
  private final Environment environment;
  private final Map<ZohoDataCenter, URI> accountsServers;
  private final boolean userLookup;

  private OAuthProvider(
      URI tokenUrl,
      URI revocationUrl,
      URI authorizationUrl,
      ClientAuthentication clientAuthentication,
      ZohoDataCenter dataCenter,
      Environment environment,
      Map<ZohoDataCenter, URI> accountsServers,
      boolean userLookup) {
    this.tokenUrl = checkUrl(tokenUrl, "token URL");
    this.revocationUrl = revocationUrl == null ? null : checkUrl(revocationUrl, "revocation URL");
    this.authorizationUrl =
        authorizationUrl == null ? null : checkUrl(authorizationUrl, "authorization URL");
    this.clientAuthentication = Objects.requireNonNull(clientAuthentication, "clientAuthentication");
    this.dataCenter = dataCenter;
    this.environment = environment;
    this.accountsServers = accountsServers;
    this.userLookup = userLookup;
  }

  /** Zoho's production accounts server of {@code dataCenter}. */
  public static OAuthProvider zoho(ZohoDataCenter dataCenter) {
    return zoho(dataCenter, Environment.PRODUCTION);
  }

  /** Zoho's accounts server of {@code dataCenter}, for tokens of {@code environment}. */
  public static OAuthProvider zoho(ZohoDataCenter dataCenter, Environment environment) {
    Objects.requireNonNull(dataCenter, "dataCenter");
    Objects.requireNonNull(environment, "environment");
    Map<ZohoDataCenter, URI> servers = new EnumMap<>(ZohoDataCenter.class);
    for (ZohoDataCenter dc : ZohoDataCenter.values()) {
      servers.put(dc, dc.accountsUrl());
    }
    return zoho(dataCenter, environment, servers, true);
  }

  private static OAuthProvider zoho(
      ZohoDataCenter dc, Environment env, Map<ZohoDataCenter, URI> servers, boolean userLookup) {
    URI accounts = servers.get(dc);
    return new OAuthProvider(
        join(accounts, ZOHO_TOKEN_PATH),
        join(accounts, ZOHO_REVOKE_PATH),
        join(accounts, ZOHO_AUTH_PATH),
        ClientAuthentication.FORM_BODY,
        dc,
        env,
        Map.copyOf(servers),
        userLookup);
  }

  /**
   * Any OAuth 2.0 provider, by its token URL and optional (null) revocation and authorization URLs.
   * The client authenticates in the form body; see {@link #withClientAuthentication}.
   */
  public static OAuthProvider of(URI tokenUrl, URI revocationUrl, URI authorizationUrl) {
    return new OAuthProvider(
        Objects.requireNonNull(tokenUrl, "tokenUrl"),
        revocationUrl,
        authorizationUrl,
        ClientAuthentication.FORM_BODY,
        null,
        null,
        Map.of(),
        true);
  }

  /** A copy whose client authenticates by {@code clientAuthentication}. */
  public OAuthProvider withClientAuthentication(ClientAuthentication clientAuthentication) {
    return new OAuthProvider(
        tokenUrl, revocationUrl, authorizationUrl, clientAuthentication, dataCenter, environment,
        accountsServers, userLookup);
  }

  /**
   * A copy that reaches {@code dataCenter}'s accounts server at {@code accountsUrl} instead of
   * Zoho's (a proxy, or a test server on loopback). Zoho providers only.
   */
  public OAuthProvider withAccountsServer(ZohoDataCenter dataCenter, URI accountsUrl) {
    if (!isZoho()) {
      throw new IllegalStateException(
          "withAccountsServer is for Zoho providers; " + name() + " is not one — give its URLs to OAuthProvider.of");
    }
    Map<ZohoDataCenter, URI> servers = new EnumMap<>(accountsServers);
    servers.put(Objects.requireNonNull(dataCenter, "dataCenter"), checkUrl(accountsUrl, "accounts URL"));
    OAuthProvider copy = zoho(this.dataCenter, environment, servers, userLookup);
    return copy.withClientAuthentication(clientAuthentication);
  }

  /**
   * A copy that does (true, the default) or does not look up the user of a new token whose user
   * name is unknown: Zoho's CRM current-user API, or the {@code email} claim of an {@code id_token}.
   */
  public OAuthProvider withUserLookup(boolean userLookup) {
    return new OAuthProvider(
        tokenUrl, revocationUrl, authorizationUrl, clientAuthentication, dataCenter, environment,
        accountsServers, userLookup);
  }

  /**
   * The provider that refreshes a token whose {@code api_domain} is {@code apiDomain}: for Zoho,
   * the accounts server of that domain's data center when it is a known Zoho API domain; else this.
   */
  public OAuthProvider forApiDomain(String apiDomain) {
    if (!isZoho()) {
      return this;
    }
    Optional<ZohoDataCenter> dc = ZohoDataCenter.ofApiDomain(apiDomain);
    if (dc.isEmpty() || dc.get() == dataCenter) {
      return this;
    }
    Environment env = Environment.ofApiDomain(apiDomain).orElse(environment);
    return zoho(dc.get(), env, accountsServers, userLookup).withClientAuthentication(clientAuthentication);
  }

  public URI tokenUrl() {
    return tokenUrl;
  }

  public Optional<URI> revocationUrl() {
    return Optional.ofNullable(revocationUrl);
  }

  public Optional<URI> authorizationUrl() {
    return Optional.ofNullable(authorizationUrl);
  }

  public ClientAuthentication clientAuthentication() {
    return clientAuthentication;
  }

  /** The Zoho data center; empty for other providers. */
  public Optional<ZohoDataCenter> dataCenter() {
    return Optional.ofNullable(dataCenter);
  }

  /** The Zoho environment; empty for other providers. */
  public Optional<Environment> environment() {
    return Optional.ofNullable(environment);
  }

  public boolean isZoho() {
    return dataCenter != null;
  }

  /** Whether new tokens of unknown user are looked up; see {@link #withUserLookup}. */
  public boolean userLookup() {
    return userLookup;
  }

  /** The token endpoint's host (and port when not the default), for messages: {@code accounts.zoho.eu}. */
  public String name() {
    return tokenUrl.getPort() < 0 ? tokenUrl.getHost() : tokenUrl.getHost() + ":" + tokenUrl.getPort();
  }

  /**
   * The URL to send a user's browser to for consent. Zoho's asks for offline access (a refresh
   * token) and a fresh consent, and joins scopes with commas; other providers' with spaces.
   */
  public URI authorizationUri(String clientId, String redirectUri, List<String> scopes, String state) {
    if (authorizationUrl == null) {
      throw new IllegalStateException(
          name() + " authorizationUri: no authorization URL is configured; give one to OAuthProvider.of");
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", Objects.requireNonNull(clientId, "clientId"));
    query.put("scope", String.join(isZoho() ? "," : " ", scopes));
    query.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
    if (isZoho()) {
      query.put("access_type", "offline");
      query.put("prompt", "consent");
    }
    if (state != null) {
      query.put("state", state);
    }
    StringBuilder url = new StringBuilder(authorizationUrl.toString());
    char separator = authorizationUrl.getRawQuery() == null ? '?' : '&';
    for (Map.Entry<String, String> e : query.entrySet()) {
      url.append(separator).append(e.getKey()).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return URI.create(url.toString());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OAuthProvider)) {
      return false;
    }
    OAuthProvider p = (OAuthProvider) o;
    return tokenUrl.equals(p.tokenUrl)
        && Objects.equals(revocationUrl, p.revocationUrl)
        && Objects.equals(authorizationUrl, p.authorizationUrl)
        && clientAuthentication == p.clientAuthentication
        && dataCenter == p.dataCenter
        && environment == p.environment
        && accountsServers.equals(p.accountsServers)
        && userLookup == p.userLookup;
  }

  @Override
  public int hashCode() {
    return Objects.hash(tokenUrl, revocationUrl, authorizationUrl, clientAuthentication, dataCenter, environment);
  }

  @Override
  public String toString() {
    return isZoho()
        ? "zoho " + dataCenter + " " + environment.name().toLowerCase(Locale.ROOT) + " (" + name() + ")"
        : name();
  }

  private static URI join(URI base, String path) {
    String s = base.toString();
    return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + path);
  }

  /** Refuses URLs that would carry secrets in clear text off this machine, or that hold credentials. */
  static URI checkUrl(URI url, String what) {
    Objects.requireNonNull(url, what);
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "OAuthProvider: " + what + " '" + url + "' is not an http(s) URL with a host; give one such as https://accounts.zoho.com");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "OAuthProvider: " + what + " for host " + url.getHost() + " holds user info; remove it, client credentials go in the request");
    }
    if (scheme.equals("http") && !isLoopback(url.getHost())) {
      throw new IllegalArgumentException(
          "OAuthProvider: " + what + " '" + url + "' is plain http; secrets would travel in clear text — use https (http is allowed only on loopback, for tests)");
    }
    return url;
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }
}
