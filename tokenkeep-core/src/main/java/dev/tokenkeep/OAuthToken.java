package dev.tokenkeep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * An OAuth token as a store keeps it: the ten fields of Zoho's token persistence (DESIGN §1).
 *
 * <p>Immutable; build one with {@link #builder()} and change a copy with {@link #toBuilder()} or
 * the {@code with…} methods. Every field may be absent (null): a partially filled token is a
 * query for {@link TokenStore#findToken}. An empty string is the same as absent. The four
 * secrets are {@link Secret}s, so {@link #toString()} shows only their fingerprints.
 */
public final class OAuthToken {
  /** Column name of {@link #id()}. */
  public static final String ID = "id";
  /** Column name of {@link #userName()}. */
  public static final String USER_NAME = "user_name";
  /** Column name of {@link #clientId()}. */
  public static final String CLIENT_ID = "client_id";
  /** Column name of {@link #clientSecret()}. */
  public static final String CLIENT_SECRET = "client_secret";
  /** Column name of {@link #refreshToken()}. */
  public static final String REFRESH_TOKEN = "refresh_token";
  /** Column name of {@link #accessToken()}. */
  public static final String ACCESS_TOKEN = "access_token";
  /** Column name of {@link #grantToken()}. */
  public static final String GRANT_TOKEN = "grant_token";
  /** Column name of {@link #expiresAt()}, stored as epoch milliseconds in text. */
  public static final String EXPIRY_TIME = "expiry_time";
  /** Column name of {@link #redirectUrl()}. */
  public static final String REDIRECT_URL = "redirect_url";
  /** Column name of {@link #apiDomain()}. */
  public static final String API_DOMAIN = "api_domain";

  /** The ten column names in their on-disk order (DESIGN §1). */
  public static final List<String> COLUMNS =
      List.of(
          ID, USER_NAME, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, GRANT_TOKEN,
          EXPIRY_TIME, REDIRECT_URL, API_DOMAIN);

  private final String id;
  private final String userName;
  private final String clientId;
  private final Secret clientSecret;
  private final Secret refreshToken;
  private final Secret accessToken;
  private final Secret grantToken;
  private final Instant expiresAt;
  private final String redirectUrl;
  private final String apiDomain;

  private OAuthToken(Builder b) {
    this.id = b.id;
    this.userName = b.userName;
    this.clientId = b.clientId;
    this.clientSecret = b.clientSecret;
    this.refreshToken = b.refreshToken;
    this.accessToken = b.accessToken;
    this.grantToken = b.grantToken;
    this.expiresAt = b.expiresAt;
    this.redirectUrl = b.redirectUrl;
    this.apiDomain = b.apiDomain;
  }

  /** A builder with every field absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this token's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public String id() {
    return id;
  }

  public String userName() {
    return userName;
  }

  public String clientId() {
    return clientId;
  }

  public Secret clientSecret() {
    return clientSecret;
  }

  public Secret refreshToken() {
    return refreshToken;
  }

  public Secret accessToken() {
    return accessToken;
  }

  public Secret grantToken() {
    return grantToken;
  }

  /** When the access token expires, to the millisecond; null when unknown. */
  public Instant expiresAt() {
    return expiresAt;
  }

  public String redirectUrl() {
    return redirectUrl;
  }

  public String apiDomain() {
    return apiDomain;
  }

  /**
   * Whether the access token is missing, of unknown expiry, or expires within {@code skew} of
   * the clock's now. The boundary counts as expired: expired when now ≥ expiresAt − skew.
   */
  public boolean isExpired(Clock clock, Duration skew) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(skew, "skew");
    if (accessToken == null || expiresAt == null) {
      return true;
    }
    return clock.millis() >= expiresAt.toEpochMilli() - skew.toMillis();
  }

  /** A copy with {@code id} as its id. */
  public OAuthToken withId(String id) {
    return toBuilder().id(id).build();
  }

  /** A copy holding a new access token and its expiry. */
  public OAuthToken withAccessToken(Secret accessToken, Instant expiresAt) {
    return toBuilder().accessToken(accessToken).expiresAt(expiresAt).build();
  }

  /** A copy with {@code userName} as its user name. */
  public OAuthToken withUserName(String userName) {
    return toBuilder().userName(userName).build();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof OAuthToken)) {
      return false;
    }
    OAuthToken t = (OAuthToken) o;
    return Objects.equals(id, t.id)
        && Objects.equals(userName, t.userName)
        && Objects.equals(clientId, t.clientId)
        && Objects.equals(clientSecret, t.clientSecret)
        && Objects.equals(refreshToken, t.refreshToken)
        && Objects.equals(accessToken, t.accessToken)
        && Objects.equals(grantToken, t.grantToken)
        && Objects.equals(expiresAt, t.expiresAt)
        && Objects.equals(redirectUrl, t.redirectUrl)
        && Objects.equals(apiDomain, t.apiDomain);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id, userName, clientId, clientSecret, refreshToken, accessToken, grantToken, expiresAt,
        redirectUrl, apiDomain);
  }

  /** Plain fields and secret fingerprints; never a secret. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("OAuthToken{");
    append(s, ID, id);
    append(s, USER_NAME, userName);
    append(s, CLIENT_ID, clientId);
    append(s, CLIENT_SECRET, clientSecret);
    append(s, REFRESH_TOKEN, refreshToken);
    append(s, ACCESS_TOKEN, accessToken);
    append(s, GRANT_TOKEN, grantToken);
    append(s, "expires_at", expiresAt);
    append(s, REDIRECT_URL, redirectUrl);
    append(s, API_DOMAIN, apiDomain);
    if (s.charAt(s.length() - 1) == ' ') {
      s.setLength(s.length() - 2);
    }
    return s.append('}').toString();
  }

  private static void append(StringBuilder s, String name, Object value) {
    if (value != null) {
      s.append(name).append('=').append(value).append(", ");
    }
  }

  /** Fills an {@link OAuthToken}; empty strings become absent. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String userName;
    private String clientId;
    private Secret clientSecret;
    private Secret refreshToken;
    private Secret accessToken;
    private Secret grantToken;
    private Instant expiresAt;
    private String redirectUrl;
    private String apiDomain;

    private Builder() {}

    private Builder(OAuthToken t) {
      id = t.id;
      userName = t.userName;
      clientId = t.clientId;
      clientSecret = t.clientSecret;
      refreshToken = t.refreshToken;
      accessToken = t.accessToken;
      grantToken = t.grantToken;
      expiresAt = t.expiresAt;
      redirectUrl = t.redirectUrl;
      apiDomain = t.apiDomain;
    }

    public Builder id(String id) {
      this.id = absentIfEmpty(id);
      return this;
    }

    public Builder userName(String userName) {
      this.userName = absentIfEmpty(userName);
      return this;
    }

    public Builder clientId(String clientId) {
      this.clientId = absentIfEmpty(clientId);
      return this;
    }

    public Builder clientSecret(Secret clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    /** Sets the client secret from plain text; empty or null means absent. */
    public Builder clientSecret(String clientSecret) {
      return clientSecret(Secret.ofNullable(clientSecret));
    }

    public Builder refreshToken(Secret refreshToken) {
      this.refreshToken = refreshToken;
      return this;
    }

    /** Sets the refresh token from plain text; empty or null means absent. */
    public Builder refreshToken(String refreshToken) {
      return refreshToken(Secret.ofNullable(refreshToken));
    }

    public Builder accessToken(Secret accessToken) {
      this.accessToken = accessToken;
      return this;
    }

    /** Sets the access token from plain text; empty or null means absent. */
    public Builder accessToken(String accessToken) {
      return accessToken(Secret.ofNullable(accessToken));
    }

    public Builder grantToken(Secret grantToken) {
      this.grantToken = grantToken;
      return this;
    }

    /** Sets the grant token from plain text; empty or null means absent. */
    public Builder grantToken(String grantToken) {
      return grantToken(Secret.ofNullable(grantToken));
    }

    /** Sets the expiry, truncated to milliseconds as every store keeps it. */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS);
      return this;
    }

    /** Sets the expiry from epoch milliseconds. */
    public Builder expiresAtMillis(long epochMillis) {
      return expiresAt(Instant.ofEpochMilli(epochMillis));
    }

    public Builder redirectUrl(String redirectUrl) {
      this.redirectUrl = absentIfEmpty(redirectUrl);
      return this;
    }

    public Builder apiDomain(String apiDomain) {
      this.apiDomain = absentIfEmpty(apiDomain);
      return this;
    }

    /** The token; partial tokens are allowed (a query is one). */
    public OAuthToken build() {
      return new OAuthToken(this);
    }

    private static String absentIfEmpty(String value) {
      return value == null || value.isEmpty() ? null : value;
    }
  }
}
