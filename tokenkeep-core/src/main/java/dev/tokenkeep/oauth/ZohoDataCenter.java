package dev.tokenkeep.oauth;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Zoho's data centers, each with its accounts server and its API domains.
 *
 * <p>A token works only in the data center (and environment) that issued it; its {@code
 * api_domain} tells which one that is ({@link #ofApiDomain}). The sandbox and developer
 * environments use the accounts server of their data center.
 */
public enum ZohoDataCenter {
  US("https://accounts.zoho.com", "zohoapis.com", "us"),
  EU("https://accounts.zoho.eu", "zohoapis.eu", "eu"),
  IN("https://accounts.zoho.in", "zohoapis.in", "in"),
  CN("https://accounts.zoho.com.cn", "zohoapis.com.cn", "cn"),
  JP("https://accounts.zoho.jp", "zohoapis.jp", "jp"),
  AU("https://accounts.zoho.com.au", "zohoapis.com.au", "au"),
  // Canada's accounts live on zohocloud.ca, not zoho.ca.
  CA("https://accounts.zohocloud.ca", "zohoapis.ca", "ca"),
  SA("https://accounts.zoho.sa", "zohoapis.sa", "sa");

  /** Zoho's environments; each has its own API domain in every data center. */
  public enum Environment {
    PRODUCTION("www"),
    SANDBOX("sandbox"),
    DEVELOPER("developer");

    private final String hostPrefix;

    Environment(String hostPrefix) {
      this.hostPrefix = hostPrefix;
    }

    /** The environment whose API domain {@code apiDomain} is, in any data center; empty if none. */
    public static Optional<Environment> ofApiDomain(String apiDomain) {
      return ApiDomain.of(apiDomain).map(ApiDomain::environment);
    }
  }

  private final URI accountsUrl;
  private final String apiSuffix;
  private final String location;

  ZohoDataCenter(String accountsUrl, String apiSuffix, String location) {
    this.accountsUrl = URI.create(accountsUrl);
    this.apiSuffix = apiSuffix;
    this.location = location;
  }

  /** The accounts server, for example {@code https://accounts.zoho.eu}. */
  public URI accountsUrl() {
    return accountsUrl;
  }

  /** The production API domain, for example {@code https://www.zohoapis.eu}. */
  public String apiDomain() {
    return apiDomain(Environment.PRODUCTION);
  }

  /** The API domain of {@code environment}, for example {@code https://sandbox.zohoapis.eu}. */
  public String apiDomain(Environment environment) {
    return "https://" + environment.hostPrefix + "." + apiSuffix;
  }

  /** The {@code location} value Zoho's authorization redirect carries for this data center. */
  public String location() {
    return location;
  }

  /**
   * The data center of an API domain such as {@code https://www.zohoapis.eu} (any environment; the
   * scheme may be omitted; a trailing slash is allowed); empty for anything else, including hosts
   * that merely end with a Zoho domain.
   */
  public static Optional<ZohoDataCenter> ofApiDomain(String apiDomain) {
    return ApiDomain.of(apiDomain).map(ApiDomain::dataCenter);
  }

  /** The data center whose accounts server is {@code accountsUrl} (Zoho's {@code accounts-server}). */
  public static Optional<ZohoDataCenter> ofAccountsUrl(String accountsUrl) {
    String host = host(accountsUrl);
    for (ZohoDataCenter dc : values()) {
      if (dc.accountsUrl.getHost().equals(host)) {
        return Optional.of(dc);
      }
    }
    return Optional.empty();
  }

  /** The data center of Zoho's {@code location} redirect parameter, such as {@code eu}. */
  public static Optional<ZohoDataCenter> ofLocation(String location) {
    for (ZohoDataCenter dc : values()) {
      if (dc.location.equalsIgnoreCase(location)) {
        return Optional.of(dc);
      }
    }
    return Optional.empty();
  }

  /** A known Zoho API domain: its data center and environment. */
  private record ApiDomain(ZohoDataCenter dataCenter, Environment environment) {
    static Optional<ApiDomain> of(String apiDomain) {
      String host = host(apiDomain);
      for (ZohoDataCenter dc : ZohoDataCenter.values()) {
        for (Environment env : Environment.values()) {
          if ((env.hostPrefix + "." + dc.apiSuffix).equals(host)) {
            return Optional.of(new ApiDomain(dc, env));
          }
        }
      }
      return Optional.empty();
    }
  }

  /** The lower-case host of an https URL or bare host name, or null when it is anything else. */
  private static String host(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String s = url.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("https://")) {
      s = s.substring("https://".length());
    } else if (s.contains("://")) {
      return null;
    }
    if (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.isEmpty() || s.contains("/") || s.contains(":") || s.contains("@") ? null : s;
  }
}
