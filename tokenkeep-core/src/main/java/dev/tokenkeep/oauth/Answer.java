package dev.tokenkeep.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenkeep.oauth.OAuthException.Kind;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * One HTTP answer of a provider, read and classified by its body, not its status alone: Zoho
 * reports token errors with HTTP 200 and rate limiting as an {@code "Access Denied"} error with
 * HTTP 200 or 400, and a 5xx often comes as an HTML page.
 */
final class Answer {
  /** What the request was, which decides what a success looks like. */
  enum Purpose {
    /** A token request: success is a 2xx JSON object with an {@code access_token}. */
    TOKEN,
    /** A revocation (RFC 7009): any 2xx without an error is success. */
    REVOKE,
    /** Zoho's revocation, which answers HTTP 400 for a token it does not know (already dead). */
    ZOHO_REVOKE,
    /** An API call (Zoho's current user): success is a 2xx JSON object. */
    API
  }

  /** Error codes that mean the grant or refresh token is dead. */
  static final Set<String> DEAD_GRANT = Set.of("invalid_grant", "invalid_code", "invalid_token");

  /** Error codes that mean "later": RFC 6749's, and Zoho's rate limiting (compared in lower case). */
  static final Set<String> TRY_LATER = Set.of("temporarily_unavailable", "server_error", "slow_down", "access denied");

  final int status;
  final JsonNode json;
  /** Null when the answer is a success. */
  final Kind failure;
  final String code;
  final String description;
  final String retryAfter;

  private Answer(int status, JsonNode json, Kind failure, String code, String description, String retryAfter) {
    this.status = status;
    this.json = json;
    this.failure = failure;
    this.code = code;
    this.description = description;
    this.retryAfter = retryAfter;
  }

  boolean succeeded() {
    return failure == null;
  }

  /** An attempt that got no answer: a timeout or an I/O error. */
  static Answer unanswered(String code, String description) {
    return new Answer(0, null, Kind.TRANSIENT, code, description, null);
  }

  /** Reads and classifies an answer with HTTP {@code status}, body and {@code Retry-After} header. */
  static Answer read(int status, byte[] body, String retryAfter, Purpose purpose, ObjectMapper mapper) {
    JsonNode json = parseObject(body, mapper);
    String error = json == null ? null : text(json, "error");
    boolean ok = status >= 200 && status < 300;
    if (error != null) {
      String description = text(json, "error_description");
      return new Answer(status, json, classify(status, error), error, description, retryAfter);
    }
    if (ok && json != null && (purpose != Purpose.TOKEN || text(json, "access_token") != null)) {
      return new Answer(status, json, null, null, null, null);
    }
    if (ok && (purpose == Purpose.REVOKE || purpose == Purpose.ZOHO_REVOKE)) {
      return new Answer(status, json, null, null, null, null);
    }
    if (status == 400 && purpose == Purpose.ZOHO_REVOKE) {
      return new Answer(status, json, Kind.REAUTHORIZE, "invalid_token", "Zoho does not know this token", null);
    }
    if (ok || status == 408 || status == 429 || status >= 500) {
      String what = ok ? "an answer without " + (purpose == Purpose.TOKEN ? "an access token" : "JSON") : null;
      return new Answer(status, json, Kind.TRANSIENT, ok ? "invalid_response" : "http_" + status, what, retryAfter);
    }
    String apiCode = json == null ? null : text(json, "code");
    return new Answer(status, json, Kind.REFUSED, apiCode != null ? apiCode : "http_" + status, null, null);
  }

  /** The kind of an error code: 5xx and rate limits are transient whatever the code says. */
  static Kind classify(int status, String error) {
    String code = error.toLowerCase(Locale.ROOT);
    if (status >= 500 || status == 429 || TRY_LATER.contains(code)) {
      return Kind.TRANSIENT;
    }
    return DEAD_GRANT.contains(code) ? Kind.REAUTHORIZE : Kind.REFUSED;
  }

  /** The text of {@code field}, or null when absent, empty or not text. */
  static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    return node == null || !node.isTextual() || node.asText().isEmpty() ? null : node.asText();
  }

  private static JsonNode parseObject(byte[] body, ObjectMapper mapper) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException notJson) {
      return null;
    }
  }
}
