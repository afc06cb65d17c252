package dev.tokenkeep.crypto;

import com.google.crypto.tink.DeterministicAead;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Encrypts and decrypts the four secret columns of a token: {@code tk1:} followed by the base64url
 * form of Tink's AES-SIV ciphertext (its 5-byte output prefix, which names the key, included),
 * with the column name as associated data so that a value moved to another column fails to
 * decrypt. A value without the prefix is plaintext, as older rows hold, and reads as it is.
 */
final class FieldCipher {
  /** Marks an encrypted value; the digit is the format version, for a later change of scheme. */
  static final String PREFIX = "tk1:";
  /** Tink's output prefix: a version byte 0x01 then the 4-byte key id. */
  private static final int TINK_PREFIX_LENGTH = 5;
  private static final byte TINK_START_BYTE = 0x01;
  static final List<String> SECRET_COLUMNS = List.of(
      OAuthToken.CLIENT_SECRET, OAuthToken.REFRESH_TOKEN, OAuthToken.ACCESS_TOKEN, OAuthToken.GRANT_TOKEN);

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final Keyset keyset;
  private final DeterministicAead keysetPrimitive;
  private final Map<Integer, DeterministicAead> byKey;
  private final int primaryKeyId;

  FieldCipher(Keyset keyset) {
    this.keyset = keyset;
    this.keysetPrimitive = keyset.primitive();
    this.byKey = keyset.primitivesByKey();
    this.primaryKeyId = (int) keyset.primaryKeyId();
  }

  /** A value that could not be decrypted, with the reason to report (never the value). */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String reason) {
      super(reason, null, false, false);
    }
  }

  static boolean isEncrypted(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  /** The stored form of {@code plain} in {@code column}, under the primary key. */
  String encrypt(String column, String plain) {
    return encrypt(keysetPrimitive, column, plain);
  }

  /** Every stored form {@code plain} may have in {@code column}: under each key, primary first, then plaintext. */
  List<String> storedForms(String column, String plain) {
    List<String> forms = new ArrayList<>(byKey.size() + 1);
    for (DeterministicAead key : byKey.values()) {
      forms.add(encrypt(key, column, plain));
    }
    forms.add(plain);
    return forms;
  }

  private static String encrypt(DeterministicAead aead, String column, String plain) {
    try {
      return PREFIX + ENCODER.encodeToString(aead.encryptDeterministically(
          plain.getBytes(StandardCharsets.UTF_8), column.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-SIV encryption failed for column " + column, e);
    }
  }

  /** The plaintext of a stored value: decrypted when encrypted, else as it is. */
  String decrypt(String column, String stored) throws Unreadable {
    if (!isEncrypted(stored)) {
      return stored;
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(stored.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new Unreadable(column + " starts with " + PREFIX + " but is not base64url; the value is damaged");
    }
    try {
      return new String(keysetPrimitive.decryptDeterministically(bytes, column.getBytes(StandardCharsets.UTF_8)),
          StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      return failure(column, bytes);
    }
  }

  private String failure(String column, byte[] bytes) throws Unreadable {
    if (bytes.length <= TINK_PREFIX_LENGTH || bytes[0] != TINK_START_BYTE) {
      throw new Unreadable(column + " is not a Tink ciphertext; the value is damaged");
    }
    int keyId = ByteBuffer.wrap(bytes, 1, 4).getInt();
    String key = Integer.toUnsignedString(keyId);
    if (!byKey.containsKey(keyId)) {
      throw new Unreadable(column + " is encrypted with key " + key + ", which " + keyset.file() + " does not hold (it holds "
          + keyset.keyIds() + "); open the store with the keyset that holds key " + key);
    }
    throw new Unreadable(column + " does not decrypt under key " + key
        + " (altered, or moved from another column or token); restore it from a backup or delete the token");
  }

  /** Whether {@code stored} is encrypted under the primary key (the form {@code rekey} leaves). */
  boolean underPrimary(String stored) {
    if (!isEncrypted(stored)) {
      return false;
    }
    try {
      byte[] bytes = DECODER.decode(stored.substring(PREFIX.length()));
      return bytes.length > TINK_PREFIX_LENGTH && bytes[0] == TINK_START_BYTE
          && ByteBuffer.wrap(bytes, 1, 4).getInt() == primaryKeyId;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code token} with each present secret in its stored form under the primary key. */
  OAuthToken encrypt(OAuthToken token) {
    return map(token, (column, value) -> encrypt(column, value));
  }

  /** {@code token} with each secret of a stored row in plaintext; the first unreadable one throws. */
  OAuthToken decrypt(OAuthToken stored) throws Unreadable {
    OAuthToken.Builder b = stored.toBuilder();
    b.clientSecret(decryptOrNull(OAuthToken.CLIENT_SECRET, stored.clientSecret()));
    b.refreshToken(decryptOrNull(OAuthToken.REFRESH_TOKEN, stored.refreshToken()));
    b.accessToken(decryptOrNull(OAuthToken.ACCESS_TOKEN, stored.accessToken()));
    b.grantToken(decryptOrNull(OAuthToken.GRANT_TOKEN, stored.grantToken()));
    return b.build();
  }

  private String decryptOrNull(String column, Secret stored) throws Unreadable {
    return stored == null ? null : decrypt(column, stored.reveal());
  }

  /** The stored secrets of {@code token}, column by column (absent ones left out). */
  static List<String> storedSecrets(OAuthToken token) {
    List<String> values = new ArrayList<>(4);
    for (Secret s : new Secret[] {token.clientSecret(), token.refreshToken(), token.accessToken(), token.grantToken()}) {
      if (s != null) {
        values.add(s.reveal());
      }
    }
    return values;
  }

  /** {@code token} with each present secret replaced by {@code f(column, value)}. */
  static OAuthToken map(OAuthToken token, BiFunction<String, String, String> f) {
    OAuthToken.Builder b = token.toBuilder();
    if (token.clientSecret() != null) {
      b.clientSecret(f.apply(OAuthToken.CLIENT_SECRET, token.clientSecret().reveal()));
    }
    if (token.refreshToken() != null) {
      b.refreshToken(f.apply(OAuthToken.REFRESH_TOKEN, token.refreshToken().reveal()));
    }
    if (token.accessToken() != null) {
      b.accessToken(f.apply(OAuthToken.ACCESS_TOKEN, token.accessToken().reveal()));
    }
    if (token.grantToken() != null) {
      b.grantToken(f.apply(OAuthToken.GRANT_TOKEN, token.grantToken().reveal()));
    }
    return b.build();
  }
}
