package dev.tokenkeep.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Zoho accounts server (and CRM current-user API) on loopback that behaves as the real one
 * does on the wire (see {@code zoho-wire.md}): errors in HTTP 200 bodies, {@code api_domain} in
 * every answer, refresh tokens that never rotate, revocation with the token alone, and HTTP 400
 * for revoking a token it does not know.
 *
 * <p>Tests steer it: {@link #enqueue} scripts the next token-endpoint answers (5xx, 429 with
 * {@code Retry-After}, rate limiting, slow answers past a timeout), {@link #holdRefreshes} keeps
 * refresh requests waiting so that a storm really piles up, and counters tell how many requests
 * of each kind arrived. Built on the JDK's {@code com.sun.net.httpserver}; one instance per test.
 */
public final class ZohoTestServer implements AutoCloseable {
  /** How answers state the access token's lifetime. */
  public enum ExpiresFormat {
    /** {@code "expires_in": 3600}, seconds, as Zoho sends today. */
    SECONDS,
    /** Zoho's older form: {@code "expires_in": 3600000} (ms) beside {@code "expires_in_sec": 3600}. */
    MILLIS_WITH_SECONDS,
    /** {@code "expires_in": "3600"}, seconds as a JSON string. */
    STRING,
    /** No lifetime at all. */
    ABSENT
  }

  /** A scripted answer of the token endpoint. */
  public static final class Reply {
    final int status;
    final String body;
    final String contentType;
    final Map<String, String> headers;
    final Duration delay;

    private Reply(int status, String body, String contentType, Map<String, String> headers, Duration delay) {
      this.status = status;
      this.body = body;
      this.contentType = contentType;
      this.headers = headers;
      this.delay = delay;
    }

    /** HTTP {@code status} with a JSON {@code body}. */
    public static Reply json(int status, String body) {
      return new Reply(status, body, "application/json;charset=UTF-8", Map.of(), Duration.ZERO);
    }

    /** Zoho's way of refusing: HTTP 200 with {@code {"error": code}}. */
    public static Reply error(String code) {
      return json(200, "{\"error\":\"" + code + "\"}");
    }

    /** Zoho's rate limiting: HTTP 200, {@code "Access Denied"}, status failure. */
    public static Reply rateLimited() {
      return json(200, "{\"error_description\":\"You have made too many requests continuously. "
          + "Please try again after some time.\",\"error\":\"Access Denied\",\"status\":\"failure\"}");
    }

    /** A 5xx with an HTML page, as a load balancer sends it. */
    public static Reply unavailable(int status) {
      return new Reply(status, "<html><body><h1>" + status + " Service Unavailable</h1></body></html>",
          "text/html", Map.of(), Duration.ZERO);
    }

    /** HTTP 429 with {@code Retry-After: seconds}. */
    public static Reply tooManyRequests(long retryAfterSeconds) {
      return json(429, "{}").withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    /** The normal answer, sent only after {@code delay} (to outlast a client's timeout). */
    public static Reply normalAfter(Duration delay) {
      return new Reply(0, null, null, Map.of(), delay);
    }

    /** This reply with one more header. */
    public Reply withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, body, contentType, h, delay);
    }

    /** This reply, sent after {@code delay}. */
    public Reply after(Duration delay) {
      return new Reply(status, body, contentType, headers, delay);
    }

    boolean isNormal() {
      return status == 0;
    }
  }

  private record Grant(String clientId, String email) {}

  private static final Duration MAX_HOLD = Duration.ofSeconds(30);

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = new ObjectMapper();
  private final SecureRandom random = new SecureRandom();
  private final CountDownLatch closing = new CountDownLatch(1);

  private final Map<String, String> clients = new ConcurrentHashMap<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
  private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<String> refreshTokensUsed = new CopyOnWriteArrayList<>();

  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicInteger codeExchanges = new AtomicInteger();
  private final AtomicInteger revocations = new AtomicInteger();
  private final AtomicInteger userLookups = new AtomicInteger();

  private volatile String apiDomain;
  private volatile ExpiresFormat expiresFormat = ExpiresFormat.SECONDS;
  private volatile Duration lifetime = Duration.ofHours(1);
  private volatile CountDownLatch hold;
  private volatile Consumer<Map<String, String>> onRefresh = form -> {};

  private ZohoTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "zoho-test-server-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/oauth/v2/token", this::token);
    server.createContext("/oauth/v2/token/revoke", this::revoke);
    server.createContext("/crm/", this::currentUser);
    apiDomain = url().toString();
  }

  /** Starts a server on 127.0.0.1 with a free port. */
  public static ZohoTestServer start() throws IOException {
    ZohoTestServer s = new ZohoTestServer();
    s.server.start();
    return s;
  }

  /** The accounts server's URL, {@code http://127.0.0.1:port}; the CRM API answers there too. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The {@code api_domain} answers carry; by default {@link #url()}, so lookups come here. */
  public String apiDomain() {
    return apiDomain;
  }

  /** Answers carry {@code apiDomain} from now on. */
  public ZohoTestServer apiDomain(String apiDomain) {
    this.apiDomain = Objects.requireNonNull(apiDomain, "apiDomain");
    return this;
  }

  /** Answers state the lifetime in {@code format} from now on. */
  public ZohoTestServer expiresFormat(ExpiresFormat format) {
    this.expiresFormat = Objects.requireNonNull(format, "format");
    return this;
  }

  /** Access tokens live {@code lifetime} from now on (default one hour). */
  public ZohoTestServer lifetime(Duration lifetime) {
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    return this;
  }

  /** Registers a client. */
  public ZohoTestServer addClient(String clientId, String clientSecret) {
    clients.put(clientId, clientSecret);
    return this;
  }

  /** A new single-use grant code of {@code email} for {@code clientId}. */
  public String issueCode(String clientId, String email) {
    String code = "1000." + hex(20) + "." + hex(16);
    codes.put(code, new Grant(clientId, email));
    return code;
  }

  /** A refresh token of {@code email} for {@code clientId}, as if a code had been exchanged. */
  public String issueRefreshToken(String clientId, String email) {
    String token = "1000." + hex(16) + "." + hex(16);
    refreshTokens.put(token, new Grant(clientId, email));
    return token;
  }

  /** Whether {@code refreshToken} is live: issued and not revoked. */
  public boolean isLive(String refreshToken) {
    return refreshTokens.containsKey(refreshToken);
  }

  /** Whether the CRM API accepts {@code accessToken}. */
  public boolean acceptsAccessToken(String accessToken) {
    return accessTokens.containsKey(accessToken);
  }

  /** Scripts the next token-endpoint answers, in order; after them the server answers normally. */
  public void enqueue(Reply... replies) {
    script.addAll(List.of(replies));
  }

  /** Keeps refresh requests waiting (each at most 30 s) until {@link #releaseRefreshes}. */
  public void holdRefreshes() {
    hold = new CountDownLatch(1);
  }

  /** Lets held and future refresh requests through. */
  public void releaseRefreshes() {
    CountDownLatch h = hold;
    hold = null;
    if (h != null) {
      h.countDown();
    }
  }

  /** Runs {@code hook} with the form of every refresh request, before the server answers it. */
  public void onRefresh(Consumer<Map<String, String>> hook) {
    this.onRefresh = Objects.requireNonNull(hook, "hook");
  }

  /** Waits until at least {@code count} refresh requests arrived; false when {@code timeout} passed first. */
  public boolean awaitRefreshes(int count, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (refreshes) {
      while (refreshes.get() < count) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(refreshes, left);
      }
    }
    return true;
  }

  /** How many refresh-token grants arrived, answered or not. */
  public int refreshCount() {
    return refreshes.get();
  }

  /** How many authorization-code grants arrived. */
  public int codeExchangeCount() {
    return codeExchanges.get();
  }

  /** How many revocations arrived. */
  public int revokeCount() {
    return revocations.get();
  }

  /** How many CRM current-user lookups arrived. */
  public int userLookupCount() {
    return userLookups.get();
  }

  /** The refresh token of every refresh request, in order of arrival. */
  public List<String> refreshTokensUsed() {
    return new ArrayList<>(refreshTokensUsed);
  }

  @Override
  public void close() {
    closing.countDown();
    releaseRefreshes();
    server.stop(0);
    executor.shutdownNow();
  }

  private void token(HttpExchange x) throws IOException {
    try (x) {
      if (!x.getRequestMethod().equals("POST")) {
        send(x, 405, "{\"error\":\"method_not_allowed\"}");
        return;
      }
      Map<String, String> form = form(x);
      String grantType = form.getOrDefault("grant_type", "");
      if (grantType.equals("refresh_token")) {
        refreshTokensUsed.add(form.getOrDefault("refresh_token", ""));
        synchronized (refreshes) {
          refreshes.incrementAndGet();
          refreshes.notifyAll();
        }
        onRefresh.accept(form);
        CountDownLatch h = hold;
        if (h != null && !h.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
          send(x, 504, "{}");
          return;
        }
      } else if (grantType.equals("authorization_code")) {
        codeExchanges.incrementAndGet();
      }
      Reply scripted = script.poll();
      if (scripted != null && closing.await(scripted.delay.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      if (scripted != null && !scripted.isNormal()) {
        send(x, scripted.status, scripted.body, scripted.contentType, scripted.headers);
        return;
      }
      send(x, 200, answer(grantType, form));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The answer Zoho gives to a token request that was not scripted. */
  private String answer(String grantType, Map<String, String> form) throws JsonProcessingException {
    String clientId = form.get("client_id");
    if (clientId == null || !clients.containsKey(clientId)) {
      return "{\"error\":\"invalid_client\"}";
    }
    if (!clients.get(clientId).equals(form.get("client_secret"))) {
      return "{\"error\":\"invalid_client_secret\"}";
    }
    Grant grant;
    String refreshToken = null;
    if (grantType.equals("authorization_code")) {
      grant = codes.remove(form.getOrDefault("code", ""));
      if (grant != null) {
        refreshToken = "1000." + hex(16) + "." + hex(16);
        refreshTokens.put(refreshToken, grant);
      }
    } else if (grantType.equals("refresh_token")) {
      grant = refreshTokens.get(form.getOrDefault("refresh_token", ""));
    } else {
      return "{\"error\":\"unsupported_grant_type\"}";
    }
    if (grant == null || !grant.clientId().equals(clientId)) {
      return "{\"error\":\"invalid_code\"}";
    }
    String accessToken = "1000." + hex(16) + "." + hex(16);
    accessTokens.put(accessToken, grant);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    if (refreshToken != null) {
      body.put("refresh_token", refreshToken);
    }
    body.put("scope", "ZohoCRM.modules.ALL ZohoCRM.users.READ");
    body.put("api_domain", apiDomain);
    body.put("token_type", "Bearer");
    long seconds = lifetime.toSeconds();
    switch (expiresFormat) {
      case SECONDS:
        body.put("expires_in", seconds);
        break;
      case MILLIS_WITH_SECONDS:
        body.put("expires_in_sec", seconds);
        body.put("expires_in", seconds * 1000);
        break;
      case STRING:
        body.put("expires_in", Long.toString(seconds));
        break;
      default:
        break;
    }
    return json.writeValueAsString(body);
  }

  private void revoke(HttpExchange x) throws IOException {
    try (x) {
      revocations.incrementAndGet();
      String token = form(x).getOrDefault("token", "");
      Grant grant = refreshTokens.remove(token);
      if (grant == null) {
        send(x, 400, "{\"status\":\"failure\"}");
        return;
      }
      accessTokens.values().removeIf(g -> g == grant);
      send(x, 200, "{\"status\":\"success\"}");
    }
  }

  private void currentUser(HttpExchange x) throws IOException {
    try (x) {
      userLookups.incrementAndGet();
      String auth = x.getRequestHeaders().getFirst("Authorization");
      String prefix = "Zoho-oauthtoken ";
      Grant grant = auth != null && auth.startsWith(prefix) ? accessTokens.get(auth.substring(prefix.length())) : null;
      if (!x.getRequestURI().getPath().endsWith("/users") || grant == null) {
        send(x, 401, "{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\",\"status\":\"error\"}");
        return;
      }
      Map<String, Object> user = new LinkedHashMap<>();
      user.put("id", "4150868000000225013");
      user.put("full_name", grant.email());
      user.put("email", grant.email());
      send(x, 200, json.writeValueAsString(Map.of("users", List.of(user))));
    }
  }

  /** The request's form body and query parameters; client credentials from HTTP Basic too. */
  private static Map<String, String> form(HttpExchange x) throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    parse(x.getRequestURI().getRawQuery(), form);
    parse(body, form);
    String auth = x.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.startsWith("Basic ")) {
      String pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      form.put("client_id", URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8));
      form.put("client_secret", URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  private static void parse(String encoded, Map<String, String> into) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      into.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange x, int status, String body) throws IOException {
    send(x, status, body, "application/json;charset=UTF-8", Map.of());
  }

  private static void send(HttpExchange x, int status, String body, String type, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    headers.forEach((k, v) -> x.getResponseHeaders().set(k, v));
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
