package dev.tokenkeep.cli;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.crypto.EncryptingTokenStore;
import dev.tokenkeep.store.Inspectable;
import dev.tokenkeep.store.Inspectable.Finding;
import dev.tokenkeep.store.TokenStoreProvider;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "doctor", description = "Check the store: reachable, schema and indexes, file permissions, duplicate users, "
    + "secrets in plaintext (with --keyset: also under older keys, or not decrypting), "
    + "expired tokens without a refresh token, tokens expiring soon. Exit status 0 only when all is well.")
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand TokenKeepCommand root;
  @Spec CommandSpec spec;
  @Mixin StoreOption store;

  @Option(names = "--soon", paramLabel = "DURATION", defaultValue = "PT10M",
      description = "What counts as expiring soon (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration soon;

  @Override
  public Integer call() {
    List<Finding> findings = new ArrayList<>();
    findings.add(Finding.ok("providers", "store schemes on the class path: " + schemes()));
    try (TokenStore s = store.openExisting(root.env)) {
      List<OAuthToken> tokens = s.getTokens();
      findings.add(Finding.ok("reachable", s + " answered with " + Output.count(tokens.size())));
      if (s instanceof Inspectable) {
        findings.addAll(((Inspectable) s).inspect());
      }
      if (!(s instanceof EncryptingTokenStore)) {
        findings.add(EncryptingTokenStore.plaintextCensus(tokens));
      }
      findings.addAll(checkTokens(tokens, root.env.clock.instant()));
    } catch (RuntimeException e) {
      findings.add(Finding.problem("reachable", e.getMessage()));
    }
    return print(findings);
  }

  private static String schemes() {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, TokenStoreProvider> e : TokenStores.providers().entrySet()) {
      parts.add(e.getKey() + " (" + e.getValue().getClass().getSimpleName() + ")");
    }
    return String.join(", ", parts);
  }

  private List<Finding> checkTokens(List<OAuthToken> tokens, Instant now) {
    List<Finding> out = new ArrayList<>();
    Map<String, String> owners = new HashMap<>();
    int renewable = 0;
    for (OAuthToken t : tokens) {
      String other = t.userName() == null ? null : owners.putIfAbsent(t.userName() + "\u0000" + t.clientId(), t.id());
      if (other != null) {
        out.add(Finding.problem("duplicates", "user " + t.userName() + " has two tokens for one client (ids "
            + other + " and " + t.id() + "); delete one with 'tokenkeep delete --id'"));
      }
      boolean expiresSoon = t.accessToken() == null || t.expiresAt() == null || t.expiresAt().isBefore(now.plus(soon));
      if (expiresSoon && t.refreshToken() != null) {
        renewable++;
      } else if (expiresSoon) {
        boolean expired = t.expiresAt() == null || !t.expiresAt().isAfter(now);
        out.add(Finding.warning(expired ? "expired" : "expiring", "token " + t.id() + " of " + Output.orDash(t.userName())
            + (expired ? " has expired" : " expires " + Output.relative(t.expiresAt(), now))
            + " and has no refresh token to renew it; log in again: tokenkeep login"));
      }
    }
    out.add(Finding.ok("expiring", renewable + " tokens have expired or expire within " + soon.toMinutes()
        + " minutes; their refresh tokens renew them on next use"));
    if (out.size() == 1) {
      out.add(Finding.ok("tokens", Output.count(tokens.size()) + ": no duplicate user, none lost without a refresh token"));
    }
    return out;
  }

  private int print(List<Finding> findings) {
    PrintWriter out = spec.commandLine().getOut();
    boolean allWell = true;
    for (Finding f : findings) {
      out.printf("%-8s %-18s %s%n", f.level(), f.check(), f.message());
      allWell &= f.level() == Finding.Level.OK;
    }
    out.println(allWell ? "all is well" : "doctor found problems");
    return allWell ? ExitCodes.OK : ExitCodes.STORE;
  }
}
