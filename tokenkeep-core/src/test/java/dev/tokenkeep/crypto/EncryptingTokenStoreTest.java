package dev.tokenkeep.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.store.Inspectable;
import dev.tokenkeep.store.Inspectable.Finding;
import dev.tokenkeep.store.RefreshLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptingTokenStoreTest {
  static final String CLIENT = "1000.CLIENTAAAAAAAAAAAAAAAAAAAAAAAAA";
  static final String SECRET = "client-secret-0123456789abcdef";
  static final String REFRESH = "1000.refresh.0123456789abcdef0123456789";
  static final String ACCESS = "1000.access.0123456789abcdef0123456789";
  static final String GRANT = "1000.grant.0123456789abcdef0123456789";

  @TempDir Path dir;
  Path keysetFile;
  TokenStore raw;

  @BeforeEach
  void setUp() {
    keysetFile = dir.resolve("keyset.json");
    raw = TokenStores.open("memory:");
  }

  static OAuthToken alice() {
    return OAuthToken.builder().userName("alice@example.com").clientId(CLIENT).clientSecret(SECRET)
        .refreshToken(REFRESH).accessToken(ACCESS).grantToken(GRANT).build();
  }

  @Test
  void saveToken_storesEveryEncryptedSecretWithPrefix_andReadsBackPlain() {
    EncryptingTokenStore store = EncryptingTokenStore.wrap(raw, Keyset.create(keysetFile));
    OAuthToken saved = store.saveToken(alice());
    assertThat(saved).isEqualTo(alice().withId(saved.id()));
    OAuthToken stored = raw.findTokenById(saved.id()).orElseThrow();
    assertThat(FieldCipher.storedSecrets(stored)).hasSize(4).allSatisfy(v -> assertThat(v).startsWith("tk1:"));
    assertThat(stored.toString() + FieldCipher.storedSecrets(stored)).doesNotContain(SECRET, REFRESH, ACCESS, GRANT);
    assertThat(stored.userName()).isEqualTo("alice@example.com");
  }

  @Test
  void findToken_bySecretColumns_worksThroughCiphertexts() {
    EncryptingTokenStore store = EncryptingTokenStore.wrap(raw, Keyset.create(keysetFile));
    OAuthToken saved = store.saveToken(alice());
    assertThat(store.findToken(OAuthToken.builder().accessToken(ACCESS).build())).contains(saved);
    assertThat(store.findToken(OAuthToken.builder().clientId(CLIENT).clientSecret(SECRET).grantToken(GRANT).build())).contains(saved);
    assertThat(store.findToken(OAuthToken.builder().clientId(CLIENT).clientSecret(SECRET).refreshToken(REFRESH).build())).contains(saved);
    assertThat(store.findToken(OAuthToken.builder().accessToken(REFRESH).build())).isEmpty();
  }

  @Test
  void valueMovedToAnotherColumn_doesNotDecrypt() {
    EncryptingTokenStore store = EncryptingTokenStore.wrap(raw, Keyset.create(keysetFile));
    OAuthToken saved = store.saveToken(alice());
    OAuthToken stored = raw.findTokenById(saved.id()).orElseThrow();
    raw.saveToken(stored.toBuilder().accessToken(stored.refreshToken()).build());
    assertThatThrownBy(() -> store.findTokenById(saved.id()))
        .isInstanceOf(TokenStoreException.class)
        .hasMessageContaining("access_token does not decrypt under key " + Keyset.read(keysetFile).primaryKeyId());
  }

  @Test
  void plaintextRows_readAsTheyAre_andRekeyEncryptsThem() {
    OAuthToken old = raw.saveToken(alice());
    EncryptingTokenStore store = EncryptingTokenStore.wrap(raw, Keyset.create(keysetFile));
    assertThat(store.findTokenById(old.id())).contains(old);
    assertThat(store.findToken(OAuthToken.builder().accessToken(ACCESS).build())).contains(old);
    OAuthToken updated = store.saveToken(OAuthToken.builder().accessToken(ACCESS).apiDomain("https://www.zohoapis.eu").build());
    assertThat(updated.id()).as("found under its plaintext form, updated in place").isEqualTo(old.id());
    assertThat(raw.getTokens()).hasSize(1);
    assertThat(store.inspect()).extracting(Finding::level).contains(Finding.Level.WARNING);

    assertThat(store.rekey()).isEqualTo(1);
    assertThat(FieldCipher.storedSecrets(raw.findTokenById(old.id()).orElseThrow())).allSatisfy(v -> assertThat(v).startsWith("tk1:"));
    assertThat(store.findTokenById(old.id()).orElseThrow()).isEqualTo(updated);
    assertThat(store.rekey()).isZero();
    assertThat(store.inspect()).extracting(Finding::level).containsOnly(Finding.Level.OK);
    assertThat(EncryptingTokenStore.plaintextCensus(raw.getTokens()).message()).startsWith("0 secrets are stored in plaintext, 4 encrypted");
  }

  @Test
  void rotation_oldValuesDecrypt_findWorks_andRekeyMovesToNewPrimary() throws Exception {
    Keyset first = Keyset.create(keysetFile);
    OAuthToken saved = EncryptingTokenStore.wrap(raw, first).saveToken(alice());
    Keyset rotated = Keyset.rotate(keysetFile);
    assertThat(rotated.keyIds()).hasSize(2).contains(first.primaryKeyId());
    assertThat(rotated.primaryKeyId()).isNotEqualTo(first.primaryKeyId());
    EncryptingTokenStore store = EncryptingTokenStore.wrap(raw, Keyset.read(keysetFile));
    assertThat(store.findTokenById(saved.id())).contains(saved);
    assertThat(store.findToken(OAuthToken.builder().accessToken(ACCESS).build())).contains(saved);
    assertThat(store.findToken(OAuthToken.builder().clientId(CLIENT).clientSecret(SECRET).refreshToken(REFRESH).build())).contains(saved);

    String newAccess = "1000.access.rotated.0123456789abcdef";
    store.saveToken(OAuthToken.builder().id(saved.id()).accessToken(newAccess).build());
    assertThat(store.findToken(OAuthToken.builder().accessToken(newAccess).build())).isPresent();
    assertThat(store.rekey()).isEqualTo(1);
    assertThat(EncryptingTokenStore.wrap(raw, rotated).findTokenById(saved.id()).orElseThrow().accessToken().reveal())
        .isEqualTo(newAccess);
    assertThat(permissions(keysetFile)).isEqualTo("rw-------");
  }

  @Test
  void wrongKeyset_namesTheKeyNeeded_andOverwritesNothing() {
    Keyset right = Keyset.create(keysetFile);
    EncryptingTokenStore good = EncryptingTokenStore.wrap(raw, right);
    OAuthToken saved = good.saveToken(alice());
    OAuthToken before = raw.findTokenById(saved.id()).orElseThrow();
    EncryptingTokenStore wrong = EncryptingTokenStore.wrap(raw, Keyset.create(dir.resolve("other.json")));
    String needed = "encrypted with key " + right.primaryKeyId() + ", which " + dir.resolve("other.json");

    assertThatThrownBy(() -> wrong.findToken(OAuthToken.builder().userName("alice@example.com").build()))
        .isInstanceOf(TokenStoreException.class).hasMessageContaining(needed)
        .hasMessageContaining("open the store with the keyset that holds key " + right.primaryKeyId());
    assertThatThrownBy(wrong::getTokens).hasMessageContaining(needed);
    assertThatThrownBy(() -> wrong.saveToken(OAuthToken.builder().userName("alice@example.com").clientId(CLIENT)
        .accessToken("1000.access.overwrite.attempt.000").build())).hasMessageContaining(needed);
    assertThatThrownBy(() -> wrong.saveToken(OAuthToken.builder().id(saved.id()).accessToken("1000.access.x.0000000000000").build()))
        .hasMessageContaining(needed);
    assertThatThrownBy(wrong::rekey).hasMessageContaining(needed);
    assertThat(raw.findTokenById(saved.id())).contains(before);
    assertThat(wrong.inspect()).extracting(Finding::level).contains(Finding.Level.PROBLEM);
    assertThat(good.findTokenById(saved.id())).contains(saved);
  }

  @Test
  void keyset_createRefusesToOverwrite_andReadReportsMissingFile() throws Exception {
    Keyset.create(keysetFile);
    String before = Files.readString(keysetFile);
    assertThatThrownBy(() -> Keyset.create(keysetFile)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already exists");
    assertThat(Files.readString(keysetFile)).isEqualTo(before);
    assertThatThrownBy(() -> Keyset.read(dir.resolve("missing.json"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such file").hasMessageContaining("tokenkeep keygen");
    Files.writeString(dir.resolve("junk.json"), "{\"not\": \"a keyset\"}");
    assertThatThrownBy(() -> Keyset.read(dir.resolve("junk.json"))).hasMessageContaining("not a Tink JSON keyset");
    assertThat(permissions(keysetFile)).isEqualTo("rw-------");
    assertThat(Keyset.read(keysetFile).toString()).doesNotContain(before.substring(before.indexOf("value")));
  }

  @Test
  void capabilities_forwardLockInspectionAndClose() throws Exception {
    boolean[] closed = {false};
    TokenStore inner = new ForwardingStore(raw) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    EncryptingTokenStore store = EncryptingTokenStore.wrap(inner, Keyset.create(keysetFile));
    assertThat(RefreshLock.of(store)).isSameAs(store);
    Optional<RefreshLock.Lease> lease = store.tryAcquire("k", Duration.ZERO, Duration.ofSeconds(5));
    assertThat(lease).isPresent();
    assertThat(store.tryAcquire("k", Duration.ZERO, Duration.ofSeconds(5))).as("the lock is held").isEmpty();
    lease.get().close();
    assertThat(store.inspect()).extracting(Finding::check).contains("encryption");
    assertThat(store.toString()).contains("encrypted");
    store.close();
    assertThat(closed[0]).isTrue();
  }

  @Test
  void inspect_includesInnerFindings() {
    Finding innerFinding = Finding.ok("schema", "fine");
    class InspectableStore extends ForwardingStore implements Inspectable {
      InspectableStore() {
        super(raw);
      }

      @Override
      public List<Finding> inspect() {
        return List.of(innerFinding);
      }
    }
    EncryptingTokenStore store = EncryptingTokenStore.wrap(new InspectableStore(), Keyset.create(keysetFile));
    assertThat(store.inspect()).first().isEqualTo(innerFinding);
  }

  private static String permissions(Path p) throws java.io.IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** A store passing every call to another: no capabilities of its own. */
  static class ForwardingStore implements TokenStore {
    private final TokenStore to;

    ForwardingStore(TokenStore to) {
      this.to = to;
    }

    @Override
    public Optional<OAuthToken> findToken(OAuthToken query) {
      return to.findToken(query);
    }

    @Override
    public Optional<OAuthToken> findTokenById(String id) {
      return to.findTokenById(id);
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
      return to.saveToken(token);
    }

    @Override
    public boolean deleteToken(String id) {
      return to.deleteToken(id);
    }

    @Override
    public List<OAuthToken> getTokens() {
      return to.getTokens();
    }

    @Override
    public void deleteTokens() {
      to.deleteTokens();
    }
  }
}
