package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.store.StoreRules;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "add", description = "Store a user's token from a grant code (exchanging it) or from a refresh token "
    + "(checking it with one refresh). The code or token comes from a file, a variable or a prompt, never an argument.")
final class AddCommand implements Callable<Integer> {
  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;
  @Mixin StoreOption store;
  @Mixin ProviderOptions provider;
  @Mixin ClientOptions client;

  @Option(names = "--user", paramLabel = "NAME", description = "User name (e-mail for Zoho); required with a refresh token, looked up when omitted with a grant code.")
  String user;

  @Option(names = "--redirect-url", paramLabel = "URL", description = "Redirect URL registered for the client (for grant codes).")
  String redirectUrl;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Kind kind;

  /** Exactly one of: a grant code, or a refresh token. */
  static final class Kind {
    @Option(names = "--grant", description = "Exchange a grant code ($TOKENKEEP_GRANT_TOKEN, or a prompt).")
    boolean grant;

    @Option(names = "--grant-token-file", paramLabel = "FILE", description = "File holding the grant code (- for standard input).")
    Path grantFile;

    @Option(names = "--refresh", description = "Keep a refresh token ($TOKENKEEP_REFRESH_TOKEN, or a prompt).")
    boolean refresh;

    @Option(names = "--refresh-token-file", paramLabel = "FILE", description = "File holding the refresh token (- for standard input).")
    Path refreshFile;

    boolean isGrant() {
      return grant || grantFile != null;
    }
  }

  @Override
  public Integer call() {
    UserName.check(user);
    try (TokenStore s = store.open(root.env)) {
      OAuthToken base = OAuthToken.builder().userName(user).clientId(client.clientId)
          .clientSecret(client.clientSecret(root.env)).redirectUrl(redirectUrl).build();
      OAuthToken stored = kind.isGrant() ? provider.manager(s, root.env).authorize(base.toBuilder().grantToken(
              SecretInput.read("grant code", kind.grantFile, "TOKENKEEP_GRANT_TOKEN", "--grant-token-file", root.env)).build())
          : addRefreshToken(s, base);
      spec.commandLine().getOut().println("stored token " + stored.id() + " for " + Output.orDash(stored.userName())
          + " (client " + stored.clientId() + ") in " + s);
      return ExitCodes.OK;
    }
  }

  /** Checks the refresh token with one refresh before anything is stored, so a bad one changes nothing. */
  private OAuthToken addRefreshToken(TokenStore s, OAuthToken base) {
    if (user == null) {
      throw CliException.usage("--user is needed with a refresh token: a refresh answers without saying whose token it is");
    }
    OAuthToken withRefresh = base.toBuilder().refreshToken(SecretInput.read(
        "refresh token", kind.refreshFile, "TOKENKEEP_REFRESH_TOKEN", "--refresh-token-file", root.env)).build();
    OAuthToken refreshed = provider.endpoint(root.env).refresh(withRefresh);
    return s.saveToken(StoreRules.merge(withRefresh, refreshed));
  }
}
