package dev.tokenkeep.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Listens on 127.0.0.1 for the one authorization redirect of a login and hands over its query
 * parameters. Only loopback: nothing on the network can reach it.
 */
final class RedirectListener implements AutoCloseable {
  private static final String PAGE = "<!doctype html><title>TokenKeep</title><p>%s You can close this window.";

  private final HttpServer server;
  private final CompletableFuture<Map<String, String>> redirect = new CompletableFuture<>();

  private RedirectListener(HttpServer server) {
    this.server = server;
  }

  /** Starts listening on 127.0.0.1 at {@code port} (0 for any free port) for requests to {@code path}. */
  static RedirectListener start(int port, String path) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    RedirectListener listener = new RedirectListener(server);
    server.createContext(path.isEmpty() ? "/" : path, listener::handle);
    server.start();
    return listener;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The redirect's query parameters; waits at most {@code timeout}. */
  Map<String, String> await(Duration timeout) throws InterruptedException {
    try {
      return redirect.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw CliException.usage("no authorization arrived within " + timeout.toSeconds()
          + " s; run login again and open the URL it prints (or raise --login-timeout)");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
    boolean first = redirect.complete(query);
    String text = !first ? "This login was already answered."
        : query.containsKey("error") ? "Authorization was refused: " + escape(query.get("error")) + "."
        : "TokenKeep received the authorization.";
    byte[] body = String.format(PAGE, text).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static Map<String, String> parse(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(key, value);
    }
    return params;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
