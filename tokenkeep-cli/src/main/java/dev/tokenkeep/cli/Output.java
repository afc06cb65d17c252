package dev.tokenkeep.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import dev.tokenkeep.store.StoreRules;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How commands print: aligned tables for people, JSON for scripts. Secrets only as fingerprints unless revealed. */
final class Output {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Output() {}

  /** The {@code list} row of a token; no secret. */
  static Map<String, Object> summary(OAuthToken t, Instant now) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", t.id());
    row.put("user_name", t.userName());
    row.put("client_id", t.clientId());
    row.put("api_domain", t.apiDomain());
    row.put("expires_at", t.expiresAt() == null ? null : t.expiresAt().toString());
    row.put("expires_in_seconds", t.expiresAt() == null ? null : Duration.between(now, t.expiresAt()).getSeconds());
    row.put("has_refresh_token", t.refreshToken() != null);
    return row;
  }

  /** Every field of a token; secrets as fingerprints unless {@code reveal}. */
  static Map<String, Object> details(OAuthToken t, boolean reveal) {
    List<String> values = StoreRules.toRow(t);
    Secret[] secrets = {t.clientSecret(), t.refreshToken(), t.accessToken(), t.grantToken()};
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < OAuthToken.COLUMNS.size(); i++) {
      row.put(OAuthToken.COLUMNS.get(i), values.get(i));
    }
    for (int i = 0; i < secrets.length; i++) {
      if (secrets[i] != null && !reveal) {
        row.put(OAuthToken.COLUMNS.get(3 + i), secrets[i].fingerprint());
      }
    }
    row.put("expires_at", t.expiresAt() == null ? null : t.expiresAt().toString());
    return row;
  }

  static void json(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** Prints rows as a table with a header, columns padded to their widest cell. */
  static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.println(line);
    }
  }

  /** "in 59m", "expired 3h ago", "unknown". */
  static String relative(Instant when, Instant now) {
    if (when == null) {
      return "unknown";
    }
    Duration d = Duration.between(now, when);
    String amount = amount(d.abs());
    return d.isNegative() ? "expired " + amount + " ago" : "in " + amount;
  }

  private static String amount(Duration d) {
    if (d.toDays() > 0) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h" + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" : "");
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + "m";
    }
    return d.getSeconds() + "s";
  }

  /** "1 token", "2 tokens". */
  static String count(int tokens) {
    return tokens + (tokens == 1 ? " token" : " tokens");
  }

  static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
