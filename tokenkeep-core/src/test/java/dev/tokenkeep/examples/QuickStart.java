package dev.tokenkeep.examples;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;

/** The README's first example: save, find and list tokens in a store, and print them. */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the example on the store named by the first argument (default {@code memory:}). */
  public static void main(String[] args) {
    run(args.length > 0 ? args[0] : "memory:", System.out);
  }

  static void run(String storeUri, PrintStream out) {
    try (TokenStore store = TokenStores.open(storeUri)) {
      out.println("store: " + storeUri);
      OAuthToken alice = store.saveToken(OAuthToken.builder()
          .userName("alice@example.com")
          .clientId("1000.DEMOCLIENT")
          .clientSecret("demo-client-secret")
          .refreshToken("1000.demo.refresh.alice")
          .accessToken("1000.demo.access.alice")
          .expiresAt(Instant.now().plusSeconds(3600))
          .apiDomain("https://www.zohoapis.eu")
          .build());
      out.println("saved:  " + alice);
      store.saveToken(OAuthToken.builder()
          .userName("bob@example.com")
          .clientId("1000.DEMOCLIENT")
          .refreshToken("1000.demo.refresh.bob")
          .build());

      // An update carries only what changed; the store keeps every other field.
      store.saveToken(OAuthToken.builder()
          .userName("alice@example.com")
          .accessToken("1000.demo.access.alice.2")
          .expiresAt(Instant.now().plusSeconds(3600))
          .build());

      Optional<OAuthToken> found =
          store.findToken(OAuthToken.builder().userName("alice@example.com").build());
      out.println("found:  " + found.orElseThrow());
      out.println("all tokens (secrets are shown as fingerprints):");
      for (OAuthToken t : store.getTokens()) {
        out.println("  " + t);
      }
    }
  }
}
