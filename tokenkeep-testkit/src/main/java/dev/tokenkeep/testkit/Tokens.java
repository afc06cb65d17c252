package dev.tokenkeep.testkit;

import dev.tokenkeep.OAuthToken;
import java.time.Instant;

/** Sample tokens for the kit's tests: one complete token per user, with distinct secrets. */
final class Tokens {
  static final String CLIENT_A = "1000.CLIENTAAAAAAAAAAAAAAAAAAAAAA";
  static final String CLIENT_B = "1000.CLIENTBBBBBBBBBBBBBBBBBBBBBB";
  static final Instant EXPIRY = Instant.ofEpochMilli(1_893_463_200_123L);

  private Tokens() {}

  /** A complete token of {@code user} for {@code client}; every secret names both. */
  static OAuthToken full(String user, String client) {
    String tag = user + "/" + client;
    return OAuthToken.builder()
        .userName(user)
        .clientId(client)
        .clientSecret("secret-of-" + client)
        .refreshToken("1000.refresh." + tag)
        .accessToken("1000.access." + tag)
        .expiresAt(EXPIRY)
        .redirectUrl("https://app.example.com/oauth/callback")
        .apiDomain("https://www.zohoapis.com")
        .build();
  }

  static OAuthToken full(String user) {
    return full(user, CLIENT_A);
  }
}
