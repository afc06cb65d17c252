package dev.tokenkeep.crypto;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.store.Inspectable;
import dev.tokenkeep.store.RefreshLock;
import dev.tokenkeep.store.StoreRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TokenStore} that keeps the client secret and the refresh, access and grant tokens of
 * every token encrypted in another store, and decrypts them on the way back.
 *
 * <h2>Format</h2>
 *
 * A stored secret reads {@code tk1:} and the base64url form of a Tink AES-SIV (deterministic AEAD)
 * ciphertext whose associated data is the column name, so a value copied into another column does
 * not decrypt. Being deterministic, the same secret always has the same stored form under one key,
 * which lets {@link #findToken} by access, refresh or grant token work on every store: the query
 * is encrypted and the inner store compares as before. A value without the prefix is plaintext (a
 * row written before encryption) and reads as it is; the next save of that token encrypts it, and
 * {@link #rekey()} encrypts them all.
 *
 * <h2>Keys</h2>
 *
 * New values are encrypted with the keyset's primary key; values under any key of the keyset
 * decrypt, so a rotated keyset keeps reading old rows. A value under a key the keyset lacks, or one
 * that was altered, raises a {@link TokenStoreException} naming the column, the token and the key
 * id needed; it never yields garbage, and a save never overwrites a token that does not decrypt.
 * The keyset file is plain text: protect it like the tokens (see {@link Keyset}).
 *
 * <h2>Capabilities</h2>
 *
 * The inner store's {@link RefreshLock} (its cross-process lock, or an in-process one when it
 * has none) and {@link Inspectable} checks are offered through this store, and {@link #close()}
 * closes the inner store. Safe for concurrent use as far as the inner store is.
 */
public final class EncryptingTokenStore implements TokenStore, RefreshLock, Inspectable {
  private final TokenStore inner;
  private final Keyset keyset;
  private final FieldCipher cipher;
  private final RefreshLock lock;

  private EncryptingTokenStore(TokenStore inner, Keyset keyset) {
    this.inner = inner;
    this.keyset = keyset;
    this.cipher = new FieldCipher(keyset);
    this.lock = RefreshLock.of(inner);
  }

  /** Wraps {@code inner}, encrypting with {@code keyset}. */
  public static EncryptingTokenStore wrap(TokenStore inner, Keyset keyset) {
    return new EncryptingTokenStore(Objects.requireNonNull(inner, "inner"), Objects.requireNonNull(keyset, "keyset"));
  }

  /** The store the encrypted values are kept in. */
  public TokenStore inner() {
    return inner;
  }

  @Override
  public Optional<OAuthToken> findToken(OAuthToken query) {
    return findStored(query, "findToken").map(t -> readable(t, "findToken"));
  }

  @Override
  public Optional<OAuthToken> findTokenById(String id) {
    return inner.findTokenById(id).map(t -> readable(t, "findTokenById"));
  }

  /**
   * Saves {@code token} with its secrets encrypted under the primary key. The stored token it
   * updates is read first: when it does not decrypt, nothing is written.
   */
  @Override
  public OAuthToken saveToken(OAuthToken token) {
    Objects.requireNonNull(token, "token");
    Optional<OAuthToken> existing =
        token.id() != null ? inner.findTokenById(token.id()) : findStored(token, "saveToken");
    existing.ifPresent(t -> readable(t, "saveToken"));
    OAuthToken encrypted = cipher.encrypt(token);
    // A match found under an older key or in plaintext has another stored form than the one the
    // inner store would compare with, so it is named by id.
    if (token.id() == null && existing.isPresent() && StoreRules.matchFor(token) != StoreRules.Match.BY_USER) {
      encrypted = encrypted.withId(existing.get().id());
    }
    OAuthToken stored = inner.saveToken(encrypted);
    // The secrets the token has are stored as given: only the ones kept from before need decrypting.
    return withSecretsOf(token, readable(withSecretsOf(token, stored, true), "saveToken"), false);
  }

  /** {@code into} with each secret {@code token} has replaced: by absent when {@code clear}, else by {@code token}'s. */
  private static OAuthToken withSecretsOf(OAuthToken token, OAuthToken into, boolean clear) {
    OAuthToken.Builder b = into.toBuilder();
    if (token.clientSecret() != null) {
      b.clientSecret(clear ? null : token.clientSecret());
    }
    if (token.refreshToken() != null) {
      b.refreshToken(clear ? null : token.refreshToken());
    }
    if (token.accessToken() != null) {
      b.accessToken(clear ? null : token.accessToken());
    }
    if (token.grantToken() != null) {
      b.grantToken(clear ? null : token.grantToken());
    }
    return b.build();
  }

  @Override
  public boolean deleteToken(String id) {
    return inner.deleteToken(id);
  }

  @Override
  public List<OAuthToken> getTokens() {
    List<OAuthToken> stored = inner.getTokens();
    List<OAuthToken> tokens = new ArrayList<>(stored.size());
    for (OAuthToken t : stored) {
      tokens.add(readable(t, "getTokens"));
    }
    return tokens;
  }

  @Override
  public void deleteTokens() {
    inner.deleteTokens();
  }

  /**
   * Re-encrypts every secret not under the primary key (plaintext ones included) with the primary
   * key; returns how many tokens were rewritten. Every token is decrypted before anything is
   * written, so a keyset lacking a key changes nothing. Run it when no other process writes.
   */
  public int rekey() {
    List<OAuthToken> stored = inner.getTokens();
    List<OAuthToken> plain = new ArrayList<>(stored.size());
    for (OAuthToken t : stored) {
      plain.add(readable(t, "rekey"));
    }
    int rewritten = 0;
    for (int i = 0; i < stored.size(); i++) {
      if (!FieldCipher.storedSecrets(stored.get(i)).stream().allMatch(cipher::underPrimary)) {
        inner.saveToken(cipher.encrypt(secretsOnly(plain.get(i))));
        rewritten++;
      }
    }
    return rewritten;
  }

  /** The id and the secrets of {@code token}: an update by id that changes the secrets alone. */
  private static OAuthToken secretsOnly(OAuthToken token) {
    return OAuthToken.builder().id(token.id()).clientSecret(token.clientSecret()).refreshToken(token.refreshToken())
        .accessToken(token.accessToken()).grantToken(token.grantToken()).build();
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration wait, Duration lease) throws InterruptedException {
    return lock.tryAcquire(key, wait, lease);
  }

  /** The inner store's findings, then how many secrets are in plaintext, under older keys, or unreadable. */
  @Override
  public List<Finding> inspect() {
    List<Finding> findings = new ArrayList<>();
    if (inner instanceof Inspectable) {
      findings.addAll(((Inspectable) inner).inspect());
    }
    int plaintext = 0;
    int older = 0;
    List<String> unreadable = new ArrayList<>();
    for (OAuthToken t : inner.getTokens()) {
      for (String value : FieldCipher.storedSecrets(t)) {
        if (!FieldCipher.isEncrypted(value)) {
          plaintext++;
        } else if (!cipher.underPrimary(value)) {
          older++;
        }
      }
      try {
        cipher.decrypt(t);
      } catch (FieldCipher.Unreadable e) {
        unreadable.add("token " + t.id() + ": " + e.getMessage());
      }
    }
    if (!unreadable.isEmpty()) {
      findings.add(Finding.problem("encryption", unreadable.size() + " tokens do not decrypt with " + keyset + "; "
          + String.join("; ", unreadable)));
    }
    if (plaintext + older > 0) {
      findings.add(Finding.warning("encryption", plaintext + " secrets are stored in plaintext and " + older
          + " under older keys; encrypt them with the primary key: tokenkeep rekey --keyset " + keyset.file()));
    } else if (unreadable.isEmpty()) {
      findings.add(Finding.ok("encryption", "every secret is encrypted with the primary key "
          + keyset.primaryKeyId() + " of " + keyset.file()));
    }
    return findings;
  }

  /**
   * What a store read without a keyset holds: how many of its secrets are plaintext and how many
   * encrypted, as a finding for {@code tokenkeep doctor}.
   */
  public static Finding plaintextCensus(List<OAuthToken> stored) {
    int plaintext = 0;
    int encrypted = 0;
    for (OAuthToken t : stored) {
      for (String value : FieldCipher.storedSecrets(t)) {
        if (FieldCipher.isEncrypted(value)) {
          encrypted++;
        } else {
          plaintext++;
        }
      }
    }
    String message = plaintext + " secrets are stored in plaintext, " + encrypted + " encrypted"
        + (plaintext > 0 ? "; to encrypt them: tokenkeep keygen --keyset FILE, then tokenkeep rekey --keyset FILE"
            : encrypted > 0 ? "; give --keyset FILE to read them" : "");
    return Finding.ok("encryption", message);
  }

  /** Whether any secret of these stored tokens (read without a keyset) is in the encrypted form. */
  public static boolean holdsEncrypted(List<OAuthToken> stored) {
    for (OAuthToken t : stored) {
      if (FieldCipher.storedSecrets(t).stream().anyMatch(FieldCipher::isEncrypted)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    inner.close();
  }

  /** The inner store, marked as encrypted; never a key or a secret. */
  @Override
  public String toString() {
    return inner + " (encrypted, key " + keyset.primaryKeyId() + ")";
  }

  /**
   * The stored token that {@code query} matches, trying each stored form its compared secret may
   * have: under the primary key, under each older key, in plaintext.
   */
  private Optional<OAuthToken> findStored(OAuthToken query, String operation) {
    OAuthToken encrypted = cipher.encrypt(query);
    String column = comparedColumn(query);
    if (column == null) {
      return inner.findToken(encrypted);
    }
    Secret compared = secretOf(query, column);
    for (String form : cipher.storedForms(column, compared.reveal())) {
      Optional<OAuthToken> found = inner.findToken(withSecret(encrypted, column, form));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The secret column the query's rule compares, or null for a rule that compares none. */
  private static String comparedColumn(OAuthToken query) {
    switch (StoreRules.matchFor(query)) {
      case BY_ACCESS_TOKEN:
        return OAuthToken.ACCESS_TOKEN;
      case BY_GRANT_TOKEN:
        return OAuthToken.GRANT_TOKEN;
      case BY_REFRESH_TOKEN:
        return OAuthToken.REFRESH_TOKEN;
      default:
        return null;
    }
  }

  private static Secret secretOf(OAuthToken token, String column) {
    switch (column) {
      case OAuthToken.ACCESS_TOKEN:
        return token.accessToken();
      case OAuthToken.GRANT_TOKEN:
        return token.grantToken();
      default:
        return token.refreshToken();
    }
  }

  private static OAuthToken withSecret(OAuthToken token, String column, String value) {
    OAuthToken.Builder b = token.toBuilder();
    switch (column) {
      case OAuthToken.ACCESS_TOKEN:
        return b.accessToken(value).build();
      case OAuthToken.GRANT_TOKEN:
        return b.grantToken(value).build();
      default:
        return b.refreshToken(value).build();
    }
  }

  /** {@code stored} decrypted, or a store error naming the column, the token and the key needed. */
  private OAuthToken readable(OAuthToken stored, String operation) {
    try {
      return cipher.decrypt(stored);
    } catch (FieldCipher.Unreadable e) {
      throw new TokenStoreException(String.valueOf(inner), operation, "token " + stored.id() + " of "
          + (stored.userName() == null ? "(no user)" : stored.userName()) + ": " + e.getMessage() + "; nothing was changed");
    }
  }
}
