package dev.tokenkeep.cli;

import dev.tokenkeep.TokenManager;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.oauth.OAuthProvider;
import dev.tokenkeep.oauth.TokenEndpoint;
import dev.tokenkeep.oauth.ZohoDataCenter;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Which provider issues the tokens: a Zoho data center and environment, a Zoho-style accounts
 * server by URL, or any OAuth provider by its endpoint URLs. Each option falls back to a
 * {@code TOKENKEEP_…} variable so scripts can set them once.
 */
final class ProviderOptions {
  @Option(names = "--dc", paramLabel = "DC",
      description = "Zoho data center: us, eu, in, cn, jp, au, ca, sa (default: $TOKENKEEP_DC, else us; "
          + "a stored token's api_domain picks its own data center for refreshes).")
  String dataCenter;

  @Option(names = "--environment", paramLabel = "ENV",
      description = "Zoho environment: production, sandbox, developer (default: production).")
  String environment;

  @Option(names = "--accounts-url", paramLabel = "URL",
      description = "An accounts server with Zoho's paths (/oauth/v2/token, …) (default: $TOKENKEEP_ACCOUNTS_URL).")
  URI accountsUrl;

  @Option(names = "--token-url", paramLabel = "URL",
      description = "Any other OAuth provider: its token endpoint (default: $TOKENKEEP_TOKEN_URL).")
  URI tokenUrl;

  @Option(names = "--authorization-url", paramLabel = "URL",
      description = "Any other OAuth provider: its authorization endpoint (default: $TOKENKEEP_AUTHORIZATION_URL).")
  URI authorizationUrl;

  @Option(names = "--revocation-url", paramLabel = "URL",
      description = "Any other OAuth provider: its revocation endpoint (default: $TOKENKEEP_REVOCATION_URL).")
  URI revocationUrl;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10S",
      description = "Give up on a provider request after this long (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration timeout = Duration.ofSeconds(10);

  /** The provider these options (and the environment) describe. */
  OAuthProvider provider(Environment env) {
    ZohoDataCenter dc = dataCenter(env);
    ZohoDataCenter.Environment zohoEnvironment = zohoEnvironment();
    URI token = orEnv(tokenUrl, "TOKENKEEP_TOKEN_URL", env);
    if (token != null) {
      return OAuthProvider.of(token, orEnv(revocationUrl, "TOKENKEEP_REVOCATION_URL", env),
          orEnv(authorizationUrl, "TOKENKEEP_AUTHORIZATION_URL", env));
    }
    OAuthProvider zoho = OAuthProvider.zoho(dc, zohoEnvironment);
    URI accounts = orEnv(accountsUrl, "TOKENKEEP_ACCOUNTS_URL", env);
    return accounts == null ? zoho : zoho.withAccountsServer(dc, accounts);
  }

  /** A token manager on {@code store} for this provider. */
  TokenManager manager(TokenStore store, Environment env) {
    return manager(store, env, provider(env));
  }

  /** A token manager on {@code store} for {@code provider}, with these options' timeout. */
  TokenManager manager(TokenStore store, Environment env, OAuthProvider provider) {
    return TokenManager.builder(store, provider).clock(env.clock).requestTimeout(timeout).build();
  }

  /** The provider's token endpoint, for a call outside any stored token. */
  TokenEndpoint endpoint(Environment env) {
    return TokenEndpoint.builder(provider(env)).clock(env.clock).requestTimeout(timeout).build();
  }

  private ZohoDataCenter dataCenter(Environment env) {
    String name = dataCenter != null ? dataCenter : env.variable("TOKENKEEP_DC");
    if (name == null) {
      return ZohoDataCenter.US;
    }
    return ZohoDataCenter.ofLocation(name)
        .orElseThrow(() -> CliException.usage("unknown data center '" + name + "'; use one of us, eu, in, cn, jp, au, ca, sa"));
  }

  private ZohoDataCenter.Environment zohoEnvironment() {
    if (environment == null) {
      return ZohoDataCenter.Environment.PRODUCTION;
    }
    try {
      return ZohoDataCenter.Environment.valueOf(environment.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("unknown environment '" + environment + "'; use production, sandbox or developer");
    }
  }

  private static URI orEnv(URI option, String variable, Environment env) {
    if (option != null) {
      return option;
    }
    String value = env.variable(variable);
    return value == null ? null : URI.create(value);
  }
}
