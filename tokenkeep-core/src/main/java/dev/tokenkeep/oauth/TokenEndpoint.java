package dev.tokenkeep.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import dev.tokenkeep.oauth.Answer.Purpose;
import dev.tokenkeep.oauth.OAuthException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a provider's token endpoint on the JDK's {@link HttpClient}: the authorization-code
 * exchange, the refresh-token grant and revocation, plus Zoho's current-user lookup.
 *
 * <p>Answers come back as partial {@link OAuthToken}s holding only what the provider said (access
 * token, expiry, and refresh token, API domain and user name when it gave them), ready to be
 * merged into the stored token: a refresh answer without a refresh token (Zoho's) keeps the stored
 * one. Expiry is computed from the injected clock; see {@link #ASSUMED_LIFETIME}.
 *
 * <p>Every call is bounded: a connect timeout and a timeout on the whole request. Timeouts, I/O
 * errors, 5xx, 429 and Zoho's rate limiting are retried with exponential backoff and jitter, or
 * after the provider's {@code Retry-After}; a refused grant ({@code invalid_grant}, {@code
 * invalid_code}, {@code invalid_client}, …) never is. Failures are {@link OAuthException}s.
 * Redirects are not followed and TLS is the JDK's, host name verification included. No secret
 * appears in a log line or a message.
 *
 * <p>Thread-safe; share one per provider.
 */
public final class TokenEndpoint {
  /**
   * The lifetime assumed for an access token whose answer states none: five minutes, the shortest
   * lifetime in common use (Keycloak's default), so the token is refreshed rather than trusted.
   */
  public static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(5);

  /** Zoho CRM's current-user API, on the token's API domain (needs scope ZohoCRM.users.READ). */
  static final String CURRENT_USER_PATH = "/crm/v8/users?type=CurrentUser";

  private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

  private final OAuthProvider provider;
  private final Duration connectTimeout;
  private final Clock clock;
  private final Duration requestTimeout;
  private final Retry retry;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  // Made on the first call, not when built: a command that finds a valid token in the store
  // never pays for an HTTP client (a selector thread) or Jackson's start-up.
  private HttpClient http;
  private ObjectMapper json;

  private TokenEndpoint(Builder b) {
    this.provider = b.provider;
    this.clock = b.clock;
    this.requestTimeout = b.requestTimeout;
    this.retry = new Retry(b.maxAttempts, b.firstBackoff, b.maxBackoff);
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.connectTimeout = b.connectTimeout;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder()
          .connectTimeout(connectTimeout)
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .build();
    }
    return http;
  }

  private synchronized ObjectMapper json() {
    if (json == null) {
      json = new ObjectMapper();
    }
    return json;
  }

  /** A builder for a client of {@code provider}. */
  public static Builder builder(OAuthProvider provider) {
    return new Builder(provider);
  }

  public OAuthProvider provider() {
    return provider;
  }

  /**
   * Exchanges the grant code of {@code grant} (client id, client secret, grant token, and the
   * redirect URL when the client has one) for tokens. The answer holds the user name only when
   * the provider sent an {@code id_token} with a verified {@code email} and user lookup is on.
   */
  public OAuthToken exchangeCode(OAuthToken grant) {
    require(grant.clientId(), "clientId", "exchangeCode");
    Secret code = require(grant.grantToken(), "grantToken", "exchangeCode");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code.reveal());
    if (grant.redirectUrl() != null) {
      form.put("redirect_uri", grant.redirectUrl());
    }
    Call call = new Call("exchangeCode", provider, Arrays.asList(code, grant.clientSecret()));
    long sentAt = clock.millis();
    Answer answer = call.send(tokenRequest(provider, form, grant), Purpose.TOKEN);
    OAuthToken tokens = tokens(answer.json, sentAt);
    String email = provider.userLookup() ? emailClaim(Answer.text(answer.json, "id_token")) : null;
    return email == null ? tokens : tokens.withUserName(email);
  }

  /**
   * Refreshes {@code stored} (client id, client secret, refresh token) at the accounts server its
   * API domain belongs to. The answer holds a refresh token only when the provider rotated it.
   */
  public OAuthToken refresh(OAuthToken stored) {
    require(stored.clientId(), "clientId", "refresh");
    Secret refreshToken = require(stored.refreshToken(), "refreshToken", "refresh");
    OAuthProvider at = provider.forApiDomain(stored.apiDomain());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken.reveal());
    Call call = new Call("refresh", at, Arrays.asList(refreshToken, stored.clientSecret()));
    long sentAt = clock.millis();
    Answer answer = call.send(tokenRequest(at, form, stored), Purpose.TOKEN);
    return tokens(answer.json, sentAt);
  }

  /**
   * Revokes the refresh token of {@code stored} (its access token when it has none) at the
   * accounts server its API domain belongs to. A token the provider says is already dead fails
   * with {@link OAuthException#requiresReauthorization()}.
   */
  public void revoke(OAuthToken stored) {
    OAuthProvider at = provider.forApiDomain(stored.apiDomain());
    URI url =
        at.revocationUrl()
            .orElseThrow(() -> new IllegalStateException(
                at.name() + " revoke: the provider has no revocation URL; give one to OAuthProvider.of, "
                    + "or delete the token from the store without revoking it"));
    boolean refresh = stored.refreshToken() != null;
    Secret token = refresh ? stored.refreshToken() : stored.accessToken();
    if (token == null) {
      throw new IllegalArgumentException("revoke: the token has neither a refresh nor an access token to revoke");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", token.reveal());
    HttpRequest request;
    if (at.isZoho()) {
      // Zoho's revocation takes the token alone.
      request = post(url, form, null);
    } else {
      form.put("token_type_hint", refresh ? "refresh_token" : "access_token");
      request = post(url, withClient(form, stored, at), basicAuth(stored, at));
    }
    Call call = new Call("revoke", at, Arrays.asList(token, stored.clientSecret()));
    call.send(request, at.isZoho() ? Purpose.ZOHO_REVOKE : Purpose.REVOKE);
  }

  /**
   * The e-mail of the Zoho user {@code token} acts for, from the CRM current-user API on the
   * token's API domain (the provider's when the token has none); empty when the answer has none.
   */
  public Optional<String> zohoUserEmail(OAuthToken token) {
    Secret access = require(token.accessToken(), "accessToken", "zohoUserEmail");
    String domain = token.apiDomain() != null ? token.apiDomain()
        : provider.dataCenter().map(dc -> dc.apiDomain(provider.environment().orElseThrow())).orElse(null);
    if (domain == null) {
      throw new IllegalArgumentException("zohoUserEmail: the token has no API domain and " + provider.name() + " is not Zoho");
    }
    URI url = OAuthProvider.checkUrl(URI.create(stripSlash(domain) + CURRENT_USER_PATH), "API domain");
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Authorization", "Zoho-oauthtoken " + access.reveal())
            .header("Accept", "application/json")
            .GET()
            .build();
    Answer answer = new Call("currentUser", provider, List.of(access)).send(request, Purpose.API);
    JsonNode users = answer.json.get("users");
    if (users == null || !users.isArray() || users.isEmpty() || !users.get(0).isObject()) {
      return Optional.empty();
    }
    return Optional.ofNullable(Answer.text(users.get(0), "email"));
  }

  private OAuthToken tokens(JsonNode answer, long sentAtMillis) {
    return OAuthToken.builder()
        .accessToken(Answer.text(answer, "access_token"))
        .refreshToken(Answer.text(answer, "refresh_token"))
        .apiDomain(Answer.text(answer, "api_domain"))
        .expiresAt(Expiry.expiresAt(answer, sentAtMillis, ASSUMED_LIFETIME))
        .build();
  }

  /**
   * The {@code email} claim of an OpenID Connect {@code id_token}, unless {@code email_verified}
   * is false. The signature is not checked: the token came straight from the token endpoint over
   * TLS, which OpenID Connect Core §3.1.3.7 accepts in place of it.
   */
  String emailClaim(String idToken) {
    if (idToken == null) {
      return null;
    }
    String[] parts = idToken.split("\\.");
    if (parts.length < 2) {
      return null;
    }
    try {
      JsonNode claims = json().readTree(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode verified = claims == null ? null : claims.get("email_verified");
      if (claims == null || !claims.isObject() || (verified != null && verified.isBoolean() && !verified.asBoolean())) {
        return null;
      }
      return Answer.text(claims, "email");
    } catch (IOException | IllegalArgumentException unreadable) {
      log.debug("{} exchangeCode: the id_token is not readable JWT; user name left unknown", provider.name());
      return null;
    }
  }

  private HttpRequest tokenRequest(OAuthProvider at, Map<String, String> form, OAuthToken client) {
    return post(at.tokenUrl(), withClient(form, client, at), basicAuth(client, at));
  }

  private static Map<String, String> withClient(Map<String, String> form, OAuthToken client, OAuthProvider at) {
    if (at.clientAuthentication() == OAuthProvider.ClientAuthentication.FORM_BODY) {
      form.put("client_id", client.clientId());
      if (client.clientSecret() != null) {
        form.put("client_secret", client.clientSecret().reveal());
      }
    }
    return form;
  }

  /** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and encoded. */
  private static String basicAuth(OAuthToken client, OAuthProvider at) {
    if (at.clientAuthentication() != OAuthProvider.ClientAuthentication.BASIC) {
      return null;
    }
    String secret = client.clientSecret() == null ? "" : client.clientSecret().reveal();
    String pair = formEncode(client.clientId()) + ":" + formEncode(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private HttpRequest post(URI url, Map<String, String> form, String authorization) {
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> e : form.entrySet()) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(formEncode(e.getKey())).append('=').append(formEncode(e.getValue()));
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b.build();
  }

  private static String formEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static <T> T require(T value, String field, String operation) {
    if (value == null) {
      throw new IllegalArgumentException(operation + ": the token has no " + field + "; set it");
    }
    return value;
  }

  /** One operation against one provider, with its retries; knows the secrets it must not echo. */
  private final class Call {
    private final String operation;
    private final OAuthProvider at;
    private final List<Secret> secrets;
    /** The host the request goes to (the revocation URL may be on another host than the token URL). */
    private String where;

    Call(String operation, OAuthProvider at, List<Secret> secrets) {
      this.operation = operation;
      this.at = at;
      this.secrets = new ArrayList<>(secrets);
      this.secrets.removeIf(Objects::isNull);
    }

    Answer send(HttpRequest request, Purpose purpose) {
      where = request.uri().getAuthority();
      for (int attempt = 1; ; attempt++) {
        Answer answer = attempt(request, purpose);
        if (answer.succeeded()) {
          return answer;
        }
        if (answer.failure != Kind.TRANSIENT || attempt >= retry.maxAttempts()) {
          throw failure(answer, attempt, null);
        }
        Optional<Duration> asked = Retry.retryAfter(answer.retryAfter, clock.millis());
        if (asked.isPresent() && asked.get().compareTo(retry.maxBackoff()) > 0) {
          throw failure(answer, attempt, asked.get());
        }
        Duration wait = asked.isPresent() ? asked.get() : retry.backoff(attempt, random.getAsDouble());
        log.debug("{} {}: attempt {}/{} got {}; retrying in {} ms",
            where, operation, attempt, retry.maxAttempts(), answer.code, wait.toMillis());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OAuthException(where + " " + operation + ": interrupted while waiting to retry; try again",
              answer.code, Kind.TRANSIENT, e);
        }
      }
    }

    /** One request, bounded as a whole by the request timeout. */
    private Answer attempt(HttpRequest request, Purpose purpose) {
      CompletableFuture<HttpResponse<byte[]>> pending =
          http().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
      try {
        HttpResponse<byte[]> r = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return Answer.read(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null), purpose, json());
      } catch (TimeoutException e) {
        pending.cancel(true);
        return Answer.unanswered("timeout", "no answer within " + requestTimeout.toMillis() + " ms");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof HttpTimeoutException) {
          return Answer.unanswered("timeout", "no answer within " + requestTimeout.toMillis() + " ms");
        }
        if (cause instanceof IOException) {
          String detail = cause.getMessage() == null ? "" : scrub(": " + cause.getMessage());
          return Answer.unanswered("io_error", cause.getClass().getSimpleName() + detail);
        }
        throw new IllegalStateException(at.name() + " " + operation + ": the HTTP client failed unexpectedly", cause);
      } catch (InterruptedException e) {
        pending.cancel(true);
        Thread.currentThread().interrupt();
        throw new OAuthException(at.name() + " " + operation + ": interrupted; try again", null, Kind.TRANSIENT, e);
      }
    }

    private OAuthException failure(Answer answer, int attempts, Duration askedWait) {
      StringBuilder m = new StringBuilder(where).append(' ').append(operation).append(": ");
      if (answer.failure == Kind.TRANSIENT) {
        m.append(answer.code);
        if (answer.status > 0) {
          m.append(" (HTTP ").append(answer.status).append(')');
        }
        if (answer.description != null) {
          m.append(": ").append(scrub(answer.description));
        }
        if (askedWait != null) {
          m.append("; the provider asks to wait ").append(askedWait.toSeconds()).append(" s, longer than the ")
              .append(retry.maxBackoff().toSeconds()).append(" s allowed — try again after that");
        } else {
          m.append(" after ").append(attempts).append(attempts == 1 ? " attempt" : " attempts")
              .append("; the provider is unavailable or rate limiting — try again later");
        }
      } else {
        m.append("refused with ").append(answer.code).append(" (HTTP ").append(answer.status).append(')');
        if (answer.description != null) {
          m.append(": ").append(scrub(answer.description));
        }
        m.append("; ").append(advice(answer));
      }
      return new OAuthException(m.toString(), answer.code, answer.failure, null);
    }

    private String advice(Answer answer) {
      String code = answer.code.toLowerCase(Locale.ROOT);
      if (answer.failure == Kind.REAUTHORIZE) {
        return operation.equals("exchangeCode")
            ? "a grant code works once and only for minutes (Zoho: 3) — get a new code"
            : "the token is revoked, expired or replaced — authorize again";
      }
      switch (code) {
        case "invalid_client":
          return "check the client id"
              + (at.isZoho() ? ", and that the client belongs to this data center (" + at.dataCenter().orElseThrow() + ")" : "");
        case "invalid_client_secret":
          return "check the client secret";
        case "invalid_redirect_uri":
          return "use the redirect URI registered for the client";
        default:
          return "check the client and provider settings";
      }
    }

    /** {@code text} (provider text, exception messages) with any secret of this call cut out, shortened. */
    private String scrub(String text) {
      String s = text == null ? "" : text;
      for (Secret secret : secrets) {
        s = s.replace(secret.reveal(), secret.fingerprint());
      }
      s = s.replaceAll("\\p{Cntrl}", " ");
      return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
  }

  /** Settings of a {@link TokenEndpoint}; every one has a default. Not thread-safe. */
  public static final class Builder {
    private final OAuthProvider provider;
    private Clock clock = Clock.systemUTC();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private int maxAttempts = 3;
    private Duration firstBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder(OAuthProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** The clock expiry is computed from; default the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long to wait for a connection; default 5 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long one whole request may take, answer included; default 15 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Tries each request up to {@code maxAttempts} times (1 to 10), waiting between {@code
     * firstBackoff} and {@code maxBackoff}, doubling; default 3 attempts, 500 ms to 5 s. A {@code
     * Retry-After} longer than {@code maxBackoff} ends the retries.
     */
    public Builder retries(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
      new Retry(maxAttempts, firstBackoff, maxBackoff);
      this.maxAttempts = maxAttempts;
      this.firstBackoff = firstBackoff;
      this.maxBackoff = maxBackoff;
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The longest time one call can take with these settings, every retry included. */
    public Duration worstCase() {
      return new Retry(maxAttempts, firstBackoff, maxBackoff).worstCase(requestTimeout);
    }

    /** The client; it holds one {@link HttpClient} for all its calls. */
    public TokenEndpoint build() {
      return new TokenEndpoint(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive: got " + d);
      }
      return d;
    }
  }
}
