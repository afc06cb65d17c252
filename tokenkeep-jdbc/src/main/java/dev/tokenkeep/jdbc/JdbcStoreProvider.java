package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.store.TokenStoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Opens database stores for {@link TokenStores#open}: {@code sqlite:PATH}, {@code
 * sqlite::memory:}, and {@code jdbc:} URLs of MySQL, MariaDB, PostgreSQL and H2.
 *
 * <p>Two query parameters are the store's and never reach the driver: {@code table=NAME} (default
 * {@value JdbcTokenStore#DEFAULT_TABLE}) and {@code passwordEnv=VARIABLE}, the environment
 * variable holding the password. Without a password in the URL or {@code passwordEnv}, the
 * password is taken from {@code TOKENKEEP_DB_PASSWORD} when it is set. The user goes in the URL
 * ({@code ?user=app}).
 */
public final class JdbcStoreProvider implements TokenStoreProvider {
  /** The environment variable read for the password when the URI names none. */
  public static final String PASSWORD_ENV = "TOKENKEEP_DB_PASSWORD";

  @Override
  public Set<String> schemes() {
    return Set.of("sqlite", "jdbc");
  }

  @Override
  public TokenStore open(String uri) {
    List<String> storeParams = new ArrayList<>();
    String url = withoutStoreParams(uri, storeParams);
    JdbcTokenStore.Builder builder = JdbcTokenStore.builder().name(TokenStores.redact(uri));
    if (uri.startsWith("sqlite:")) {
      String path = url.substring("sqlite:".length());
      if (path.isEmpty()) {
        throw new IllegalArgumentException("TokenStores.open: '" + uri + "' names no file; write "
            + "sqlite:/path/to/tokens.db, or sqlite::memory: for a database in memory");
      }
      builder.url("jdbc:sqlite:" + path);
    } else {
      builder.url(url);
    }
    String passwordEnv = null;
    for (String param : storeParams) {
      String key = param.substring(0, param.indexOf('=')).toLowerCase(Locale.ROOT);
      String value = param.substring(param.indexOf('=') + 1);
      if (key.equals("table")) {
        builder.table(value);
      } else {
        passwordEnv = value;
      }
    }
    if (passwordEnv != null) {
      builder.passwordFromEnv(passwordEnv);
    } else if (!url.toLowerCase(Locale.ROOT).contains("password=") && System.getenv(PASSWORD_ENV) != null) {
      builder.passwordFromEnv(PASSWORD_ENV);
    }
    return builder.build();
  }

  /** {@code uri} without the store's own query parameters, which go to {@code out}. */
  private static String withoutStoreParams(String uri, List<String> out) {
    int query = uri.indexOf('?');
    if (query < 0) {
      return uri;
    }
    List<String> kept = new ArrayList<>();
    for (String param : uri.substring(query + 1).split("&")) {
      String key = param.contains("=") ? param.substring(0, param.indexOf('=')).toLowerCase(Locale.ROOT) : param;
      if (key.equals("table") || key.equals("passwordenv")) {
        out.add(param);
      } else if (!param.isEmpty()) {
        kept.add(param);
      }
    }
    return uri.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }
}
