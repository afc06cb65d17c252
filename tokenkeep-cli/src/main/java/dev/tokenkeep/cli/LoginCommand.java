package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.oauth.OAuthProvider;
import dev.tokenkeep.oauth.ZohoDataCenter;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "login", description = "Log a user in with the authorization-code flow: print the authorization URL, "
    + "wait for the redirect on 127.0.0.1, exchange the code at the accounts server the redirect names, store the tokens.")
final class LoginCommand implements Callable<Integer> {
  private static final String ZOHO_SCOPES = "ZohoCRM.modules.ALL,ZohoCRM.users.READ";

  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;
  @Mixin StoreOption store;
  @Mixin ProviderOptions provider;
  @Mixin ClientOptions client;

  @Option(names = "--user", paramLabel = "NAME", description = "User name to store; looked up from the provider when omitted.")
  String user;

  @Option(names = "--redirect-port", paramLabel = "PORT", defaultValue = "8765",
      description = "Port on 127.0.0.1 of the redirect URL registered for the client (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--redirect-path", paramLabel = "PATH", defaultValue = "/callback",
      description = "Path of the registered redirect URL (default ${DEFAULT-VALUE}).")
  String path;

  @Option(names = "--scope", paramLabel = "SCOPES", split = ",",
      description = "Scopes to ask for, comma-separated (default for Zoho: " + ZOHO_SCOPES + "; else openid,email,offline_access).")
  List<String> scopes;

  @Option(names = "--login-timeout", paramLabel = "DURATION", defaultValue = "PT5M",
      description = "Give up when no authorization arrives within this long (default ${DEFAULT-VALUE}).")
  Duration loginTimeout;

  @Option(names = "--no-browser", description = "Only print the URL; do not try to open a browser.")
  boolean noBrowser;

  @Override
  public Integer call() throws Exception {
    UserName.check(user);
    PrintWriter err = spec.commandLine().getErr();
    OAuthProvider p = provider.provider(root.env);
    var secret = client.clientSecret(root.env);
    String state = newState();
    try (RedirectListener listener = RedirectListener.start(port, path); TokenStore s = store.open(root.env)) {
      String redirectUrl = "http://127.0.0.1:" + listener.port() + path;
      URI consent = p.authorizationUri(client.clientId, redirectUrl, scopes(p), state);
      err.println("Open this URL in a browser to log in (waiting up to " + loginTimeout.toMinutes() + " min):");
      err.println(consent);
      err.flush();
      if (!noBrowser) {
        Browser.open(consent, root.env);
      }
      Map<String, String> redirect = listener.await(loginTimeout);
      String code = checkRedirect(redirect, state);
      OAuthProvider exchangeAt = accountsServerOf(redirect, p);
      OAuthToken grant = OAuthToken.builder().userName(user).clientId(client.clientId).clientSecret(secret)
          .grantToken(code).redirectUrl(redirectUrl).build();
      OAuthToken stored = provider.manager(s, root.env, exchangeAt).authorize(grant);
      spec.commandLine().getOut().println("logged in " + Output.orDash(stored.userName()) + ": stored token "
          + stored.id() + " (API domain " + Output.orDash(stored.apiDomain()) + ") in " + s);
      return ExitCodes.OK;
    }
  }

  private List<String> scopes(OAuthProvider p) {
    if (scopes != null && !scopes.isEmpty()) {
      return scopes;
    }
    return p.isZoho() ? List.of(ZOHO_SCOPES.split(",")) : List.of("openid", "email", "offline_access");
  }

  private static String checkRedirect(Map<String, String> redirect, String state) {
    if (!state.equals(redirect.get("state"))) {
      throw CliException.usage("the redirect's state does not match this login (a stale or forged redirect); nothing was stored — run login again");
    }
    if (redirect.containsKey("error")) {
      throw new CliException(ExitCodes.PROVIDER, "the provider refused the authorization: " + redirect.get("error"));
    }
    String code = redirect.get("code");
    if (code == null || code.isEmpty()) {
      throw new CliException(ExitCodes.PROVIDER, "the redirect carries no code; nothing was stored — run login again");
    }
    return code;
  }

  /**
   * Zoho's redirect names the user's data center ({@code location}) and accounts server, so a user
   * of any data center can log in; only a known Zoho accounts server is believed, never a host the
   * redirect made up, since the client secret goes there.
   */
  private static OAuthProvider accountsServerOf(Map<String, String> redirect, OAuthProvider configured) {
    String server = redirect.get("accounts-server");
    if (!configured.isZoho() || server == null || configured.dataCenter().isEmpty()
        || configured.tokenUrl().toString().startsWith(server)) {
      return configured;
    }
    ZohoDataCenter dc = ZohoDataCenter.ofAccountsUrl(server).orElseThrow(() -> new CliException(ExitCodes.PROVIDER,
        "the redirect names accounts server " + server + ", which is not a Zoho accounts server; nothing was stored"));
    return OAuthProvider.zoho(dc, configured.environment().orElse(ZohoDataCenter.Environment.PRODUCTION));
  }

  private static String newState() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
