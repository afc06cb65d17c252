package dev.tokenkeep;

import dev.tokenkeep.store.TokenStoreProvider;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Opens a {@link TokenStore} from a URI such as {@code memory:}, {@code file:/srv/tokens.csv}
 * or {@code sqlite:/var/lib/app/tokens.db}. Schemes come from the {@link TokenStoreProvider}s
 * found by {@link ServiceLoader} on the class path: add a module's jar to add its schemes.
 */
public final class TokenStores {
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)((?:password|passwd|pwd)=)[^&;]*");
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@]*:)[^/@]*@");

  private TokenStores() {}

  /**
   * Opens the store {@code uri} names.
   *
   * @throws IllegalArgumentException when no provider on the class path knows its scheme
   * @throws IllegalStateException when two providers claim the same scheme
   */
  public static TokenStore open(String uri) {
    Objects.requireNonNull(uri, "uri");
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "TokenStores.open: '" + redact(uri) + "' has no scheme; write it as scheme:location, "
              + "for example memory: or file:/path/tokens.csv");
    }
    String scheme = uri.substring(0, colon);
    Map<String, TokenStoreProvider> providers = providers();
    TokenStoreProvider provider = providers.get(scheme);
    if (provider == null) {
      throw new IllegalArgumentException(
          "TokenStores.open: no store for scheme '" + scheme + "' in '" + redact(uri) + "'; known: "
              + String.join(", ", providers.keySet())
              + " (add tokenkeep-file for file:, tokenkeep-jdbc for sqlite: and jdbc:)");
    }
    return provider.open(uri);
  }

  /**
   * Every scheme known on the class path and its provider, sorted by scheme.
   *
   * @throws IllegalStateException when two providers claim the same scheme
   */
  public static Map<String, TokenStoreProvider> providers() {
    Map<String, TokenStoreProvider> byScheme = new TreeMap<>();
    for (TokenStoreProvider provider : ServiceLoader.load(TokenStoreProvider.class, loader())) {
      for (String scheme : provider.schemes()) {
        TokenStoreProvider earlier = byScheme.putIfAbsent(scheme, provider);
        if (earlier != null && earlier.getClass() != provider.getClass()) {
          throw new IllegalStateException(
              "TokenStores: scheme '" + scheme + "' is claimed by both "
                  + earlier.getClass().getName() + " and " + provider.getClass().getName()
                  + "; remove one of them from the class path");
        }
      }
    }
    return byScheme;
  }

  /** {@code uri} without any password it holds, fit for messages and logs. */
  public static String redact(String uri) {
    String withoutParam = PASSWORD_PARAM.matcher(uri).replaceAll("$1***");
    return USER_INFO_PASSWORD.matcher(withoutParam).replaceAll("$1***@");
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : TokenStores.class.getClassLoader();
  }
}
