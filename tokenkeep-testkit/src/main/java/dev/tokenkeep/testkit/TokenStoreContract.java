package dev.tokenkeep.testkit;

import static dev.tokenkeep.testkit.Tokens.CLIENT_A;
import static dev.tokenkeep.testkit.Tokens.CLIENT_B;
import static dev.tokenkeep.testkit.Tokens.EXPIRY;
import static dev.tokenkeep.testkit.Tokens.full;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkeep.AmbiguousTokenException;
import dev.tokenkeep.InvalidTokenException;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.Secret;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.store.StoreRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance kit: proves that a {@link TokenStore} keeps the contract of DESIGN §2.
 *
 * <p>Extend it and implement {@link #newStore()}; JUnit 5 then runs every case against your
 * store: each matching rule and their order, the save rules and merging, ids, the ambiguity
 * error, deletes, ordering, awkward values, secret-free messages, and concurrency. After each
 * test it checks the invariants: unique ids, one token per user and client, tokens ordered by id.
 *
 * <pre>{@code
 * class MyStoreTest extends TokenStoreContract {
 *   @Override protected TokenStore newStore() { return new MyStore(); }
 * }
 * }</pre>
 *
 * Stores that persist should also override {@link #reopen(TokenStore)} so that the kit checks
 * that what was saved survives a new handle.
 */
public abstract class TokenStoreContract {
  /** The store under test, fresh and empty for every test. */
  protected TokenStore store;

  /** A new, empty store. Called once per test. */
  protected abstract TokenStore newStore() throws Exception;

  /**
   * A new handle on the same data as {@code store} (close and open again); the default returns
   * the same store, for stores that keep nothing beyond their own life.
   */
  protected TokenStore reopen(TokenStore store) throws Exception {
    return store;
  }

  /** How many distinct users each of the 8 threads saves in the concurrency test. */
  protected int usersPerThread() {
    return 500;
  }

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
    assertThat(store.getTokens()).as("a new store must be empty").isEmpty();
  }

  @AfterEach
  void invariantsHold() throws Exception {
    if (store == null) {
      return;
    }
    try {
      List<OAuthToken> all = store.getTokens();
      Set<String> ids = new HashSet<>();
      Set<List<String>> owners = new HashSet<>();
      for (OAuthToken t : all) {
        assertThat(t.id()).as("every stored token has an id").isNotNull();
        assertThat(ids.add(t.id())).as("id %s is unique", t.id()).isTrue();
        if (t.userName() != null) {
          assertThat(owners.add(java.util.Arrays.asList(t.userName(), t.clientId())))
              .as("one token per user and client: %s", t.userName())
              .isTrue();
        }
      }
      assertThat(all).as("getTokens is ordered by id").isSortedAccordingTo(StoreRules.BY_ID);
    } finally {
      store.close();
    }
  }

  /** A token saved and read back through a new handle. */
  protected OAuthToken saveAndReload(OAuthToken token) throws Exception {
    OAuthToken saved = store.saveToken(token);
    store = reopen(store);
    return store.findTokenById(saved.id()).orElseThrow();
  }

  private static OAuthToken query() {
    return OAuthToken.builder().build();
  }

  @Nested
  class FindRules {
    @Test
    void findToken_byUser_returnsCompleteToken() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      Optional<OAuthToken> found =
          store.findToken(query().toBuilder().userName("alice@example.com").build());
      assertThat(found).contains(saved);
      assertThat(saved.withId(null)).isEqualTo(full("alice@example.com"));
    }

    @Test
    void findToken_byUserAndClient_choosesThatClient() {
      store.saveToken(full("alice@example.com", CLIENT_A));
      OAuthToken b = store.saveToken(full("alice@example.com", CLIENT_B));
      OAuthToken q = OAuthToken.builder().userName("alice@example.com").clientId(CLIENT_B).build();
      assertThat(store.findToken(q)).contains(b);
    }

    @Test
    void findToken_userWithOtherClient_empty() {
      store.saveToken(full("alice@example.com", CLIENT_A));
      OAuthToken q = OAuthToken.builder().userName("alice@example.com").clientId(CLIENT_B).build();
      assertThat(store.findToken(q)).isEmpty();
    }

    @Test
    void findToken_userWithTwoClients_throwsAmbiguous() {
      store.saveToken(full("alice@example.com", CLIENT_A));
      store.saveToken(full("alice@example.com", CLIENT_B));
      OAuthToken q = OAuthToken.builder().userName("alice@example.com").build();
      assertThatThrownBy(() -> store.findToken(q))
          .isInstanceOf(AmbiguousTokenException.class)
          .hasMessageContaining("alice@example.com")
          .hasMessageContaining("findToken")
          .hasMessageContaining("clientId");
    }

    @Test
    void findToken_userNameOtherCase_empty() {
      store.saveToken(full("Alice@example.com"));
      assertThat(store.findToken(OAuthToken.builder().userName("alice@example.com").build())).isEmpty();
      assertThat(store.findToken(OAuthToken.builder().userName("Alice@example.com").build())).isPresent();
    }

    @Test
    void findToken_userNameWithTrailingSpace_empty() {
      store.saveToken(full("alice@example.com"));
      assertThat(store.findToken(OAuthToken.builder().userName("alice@example.com ").build())).isEmpty();
      assertThat(store.findToken(OAuthToken.builder().userName(" alice@example.com").build())).isEmpty();
    }

    @Test
    void findToken_clientIdOtherCase_empty() {
      store.saveToken(full("alice@example.com", CLIENT_A));
      OAuthToken q =
          OAuthToken.builder().userName("alice@example.com").clientId(CLIENT_A.toLowerCase()).build();
      assertThat(store.findToken(q)).isEmpty();
    }

    @Test
    void findToken_byAccessToken_returnsStored() {
      store.saveToken(full("alice@example.com"));
      OAuthToken bob = store.saveToken(full("bob@example.com"));
      OAuthToken q = OAuthToken.builder().accessToken(bob.accessToken()).build();
      assertThat(store.findToken(q)).contains(bob);
    }

    @Test
    void findToken_accessTokenOtherCase_empty() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      String upper = saved.accessToken().reveal().toUpperCase();
      assertThat(store.findToken(OAuthToken.builder().accessToken(upper).build())).isEmpty();
    }

    @Test
    void findToken_accessTokenWithClientId_doesNotMatchByAccessToken() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      OAuthToken q =
          OAuthToken.builder().accessToken(saved.accessToken()).clientId(CLIENT_A).build();
      assertThat(store.findToken(q)).isEmpty();
    }

    @Test
    void findToken_accessTokenWithClientSecret_doesNotMatchByAccessToken() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      OAuthToken q =
          OAuthToken.builder().accessToken(saved.accessToken()).clientSecret(saved.clientSecret()).build();
      assertThat(store.findToken(q)).isEmpty();
    }

    @Test
    void findToken_byGrantToken_needsClientIdAndSecret() {
      OAuthToken saved =
          store.saveToken(full("alice@example.com").toBuilder().grantToken("1000.grant.alice").build());
      OAuthToken q =
          OAuthToken.builder().clientId(CLIENT_A).clientSecret("any").grantToken("1000.grant.alice").build();
      assertThat(store.findToken(q)).contains(saved);
      assertThat(store.findToken(q.toBuilder().clientSecret((Secret) null).build())).isEmpty();
    }

    @Test
    void findToken_byGrantTokenOfOtherClient_empty() {
      store.saveToken(full("alice@example.com").toBuilder().grantToken("1000.grant.alice").build());
      OAuthToken q =
          OAuthToken.builder().clientId(CLIENT_B).clientSecret("s").grantToken("1000.grant.alice").build();
      assertThat(store.findToken(q)).isEmpty();
    }

    @Test
    void findToken_byRefreshToken_withClientIdAndSecret() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      OAuthToken q =
          OAuthToken.builder().clientId(CLIENT_A).clientSecret("s").refreshToken(saved.refreshToken()).build();
      assertThat(store.findToken(q)).contains(saved);
    }

    @Test
    void findToken_byRefreshTokenOfOtherClient_empty() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      OAuthToken q =
          OAuthToken.builder().clientId(CLIENT_B).clientSecret("s").refreshToken(saved.refreshToken()).build();
      assertThat(store.findToken(q)).isEmpty();
    }

    @Test
    void findToken_grantAndRefresh_grantDecides() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      OAuthToken q =
          OAuthToken.builder()
              .clientId(CLIENT_A)
              .clientSecret("s")
              .grantToken("1000.grant.unknown")
              .refreshToken(saved.refreshToken())
              .build();
      assertThat(store.findToken(q)).as("rule 3 matches the grant token when the query has one").isEmpty();
    }

    @Test
    void findToken_userRuleComesBeforeAccessToken() {
      OAuthToken alice = store.saveToken(full("alice@example.com"));
      OAuthToken bob = store.saveToken(full("bob@example.com"));
      OAuthToken q =
          OAuthToken.builder().userName("alice@example.com").accessToken(bob.accessToken()).build();
      assertThat(store.findToken(q)).contains(alice);
    }

    @Test
    void findToken_unknownUserWithKnownAccessToken_empty() {
      OAuthToken alice = store.saveToken(full("alice@example.com"));
      OAuthToken q = OAuthToken.builder().userName("carol@example.com").accessToken(alice.accessToken()).build();
      assertThat(store.findToken(q)).as("rule 1 decides once the query has a user name").isEmpty();
    }

    @Test
    void findToken_emptyOrUselessQuery_empty() {
      store.saveToken(full("alice@example.com"));
      assertThat(store.findToken(query())).isEmpty();
      assertThat(store.findToken(OAuthToken.builder().clientId(CLIENT_A).build())).isEmpty();
      assertThat(store.findToken(OAuthToken.builder().refreshToken("1000.refresh.alice@example.com/" + CLIENT_A).build()))
          .isEmpty();
      assertThat(store.findToken(OAuthToken.builder().apiDomain("https://www.zohoapis.com").build())).isEmpty();
    }

    @Test
    void findToken_emptyStringUserName_meansAbsent() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      OAuthToken q = OAuthToken.builder().userName("").accessToken(saved.accessToken()).build();
      assertThat(store.findToken(q)).contains(saved);
    }

    @Test
    void findTokenById_presentAndAbsent() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      assertThat(store.findTokenById(saved.id())).contains(saved);
      assertThat(store.findTokenById("9999999")).isEmpty();
    }
  }

  @Nested
  class SaveRules {
    @Test
    void saveToken_new_assignsShortNumericId() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      assertThat(saved.id()).matches("[1-9][0-9]{0,9}");
    }

    @Test
    void saveToken_manyNew_idsUnique() {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < 25; i++) {
        ids.add(store.saveToken(full("user" + i + "@example.com")).id());
      }
      assertThat(ids).hasSize(25);
    }

    @Test
    void saveToken_afterDelete_doesNotReuseTheIdForAnotherUser() {
      OAuthToken a = store.saveToken(full("alice@example.com"));
      store.saveToken(full("bob@example.com"));
      store.deleteToken(a.id());
      OAuthToken c = store.saveToken(full("carol@example.com"));
      assertThat(store.findTokenById(a.id()).map(OAuthToken::userName)).isNotEqualTo(Optional.of("alice@example.com"));
      assertThat(c.id()).isNotNull();
    }

    @Test
    void saveToken_withUnknownId_insertsWithThatId() {
      OAuthToken saved = store.saveToken(full("alice@example.com").withId("42"));
      assertThat(saved.id()).isEqualTo("42");
      assertThat(store.findTokenById("42")).contains(saved);
    }

    @Test
    void saveToken_withKnownId_updatesAndMerges() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      OAuthToken update = OAuthToken.builder().id(saved.id()).accessToken("1000.access.new").build();
      OAuthToken result = store.saveToken(update);
      assertThat(result).isEqualTo(saved.toBuilder().accessToken("1000.access.new").build());
      assertThat(store.findTokenById(saved.id())).contains(result);
      assertThat(store.getTokens()).hasSize(1);
    }

    @Test
    void saveToken_matchingUser_updatesAndKeepsId() {
      OAuthToken first = store.saveToken(full("alice@example.com"));
      OAuthToken second =
          store.saveToken(full("alice@example.com").toBuilder().accessToken("1000.access.second").build());
      assertThat(second.id()).isEqualTo(first.id());
      assertThat(store.getTokens()).containsExactly(second);
    }

    @Test
    void saveToken_update_absentFieldsKeepStoredValues() {
      OAuthToken first = store.saveToken(full("alice@example.com"));
      OAuthToken partial =
          OAuthToken.builder().userName("alice@example.com").accessToken("1000.access.only").build();
      OAuthToken merged = store.saveToken(partial);
      assertThat(merged.refreshToken()).isEqualTo(first.refreshToken());
      assertThat(merged.clientSecret()).isEqualTo(first.clientSecret());
      assertThat(merged.clientId()).isEqualTo(first.clientId());
      assertThat(merged.expiresAt()).isEqualTo(first.expiresAt());
      assertThat(merged.redirectUrl()).isEqualTo(first.redirectUrl());
      assertThat(merged.apiDomain()).isEqualTo(first.apiDomain());
      assertThat(merged.accessToken()).isEqualTo(Secret.of("1000.access.only"));
      assertThat(store.findTokenById(first.id())).contains(merged);
    }

    @Test
    void saveToken_update_emptyStringsKeepStoredValues() {
      OAuthToken first = store.saveToken(full("alice@example.com"));
      OAuthToken blank =
          OAuthToken.builder().userName("alice@example.com").accessToken("").refreshToken("")
              .apiDomain("").grantToken("1000.grant.x").build();
      OAuthToken merged = store.saveToken(blank);
      assertThat(merged).isEqualTo(first.toBuilder().grantToken("1000.grant.x").build());
    }

    @Test
    void saveToken_update_presentFieldsReplaceAll() {
      OAuthToken first = store.saveToken(full("alice@example.com"));
      OAuthToken next =
          OAuthToken.builder()
              .userName("alice@example.com")
              .clientSecret("new-secret")
              .refreshToken("1000.refresh.new")
              .accessToken("1000.access.new")
              .grantToken("1000.grant.new")
              .expiresAt(EXPIRY.plusSeconds(3600))
              .redirectUrl("https://new.example.com/cb")
              .apiDomain("https://www.zohoapis.eu")
              .build();
      OAuthToken merged = store.saveToken(next);
      assertThat(merged).isEqualTo(next.toBuilder().id(first.id()).clientId(CLIENT_A).build());
    }

    @Test
    void saveToken_sameUserOtherClient_insertsSecondToken() {
      OAuthToken a = store.saveToken(full("alice@example.com", CLIENT_A));
      OAuthToken b = store.saveToken(full("alice@example.com", CLIENT_B));
      assertThat(b.id()).isNotEqualTo(a.id());
      assertThat(store.getTokens()).hasSize(2);
    }

    @Test
    void saveToken_userNameOtherCase_insertsSecondToken() {
      store.saveToken(full("Alice@example.com"));
      store.saveToken(full("alice@example.com"));
      assertThat(store.getTokens()).extracting(OAuthToken::userName)
          .containsExactlyInAnyOrder("Alice@example.com", "alice@example.com");
    }

    @Test
    void saveToken_byAccessToken_updatesThatToken() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      OAuthToken update =
          OAuthToken.builder().accessToken(saved.accessToken()).apiDomain("https://www.zohoapis.eu").build();
      OAuthToken merged = store.saveToken(update);
      assertThat(merged.id()).isEqualTo(saved.id());
      assertThat(merged.apiDomain()).isEqualTo("https://www.zohoapis.eu");
      assertThat(store.getTokens()).hasSize(1);
    }

    @Test
    void saveToken_byRefreshToken_updatesThatToken() {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      OAuthToken update =
          OAuthToken.builder().clientId(CLIENT_A).clientSecret(saved.clientSecret())
              .refreshToken(saved.refreshToken()).accessToken("1000.access.refreshed").build();
      OAuthToken merged = store.saveToken(update);
      assertThat(merged.id()).isEqualTo(saved.id());
      assertThat(merged.userName()).isEqualTo("alice@example.com");
      assertThat(store.getTokens()).hasSize(1);
    }

    @Test
    void saveToken_withoutUserName_insertsAndIsFoundByAccessToken() {
      OAuthToken anonymous = full("x").toBuilder().userName(null).build();
      OAuthToken saved = store.saveToken(anonymous);
      assertThat(saved.userName()).isNull();
      assertThat(store.findToken(OAuthToken.builder().accessToken(saved.accessToken()).build())).contains(saved);
    }

    @Test
    void saveToken_userWithTwoClientsAndNoClientId_throwsAmbiguousAndChangesNothing() {
      store.saveToken(full("alice@example.com", CLIENT_A));
      store.saveToken(full("alice@example.com", CLIENT_B));
      List<OAuthToken> before = store.getTokens();
      OAuthToken q = OAuthToken.builder().userName("alice@example.com").accessToken("1000.access.x").build();
      assertThatThrownBy(() -> store.saveToken(q)).isInstanceOf(AmbiguousTokenException.class);
      assertThat(store.getTokens()).isEqualTo(before);
    }

    @Test
    void saveToken_nothingWorthKeeping_throwsAndStoresNothing() {
      OAuthToken empty =
          OAuthToken.builder().userName("alice@example.com").clientId(CLIENT_A).clientSecret("s").build();
      assertThatThrownBy(() -> store.saveToken(empty))
          .isInstanceOf(InvalidTokenException.class)
          .hasMessageContaining("saveToken")
          .hasMessageContaining("refresh, grant or access token");
      assertThat(store.getTokens()).isEmpty();
    }

    @Test
    void saveToken_onlyGrantToken_isWorthKeeping() {
      OAuthToken saved =
          store.saveToken(OAuthToken.builder().userName("alice@example.com").grantToken("1000.grant").build());
      assertThat(store.findTokenById(saved.id())).contains(saved);
    }

    @Test
    void saveToken_idHeldByOtherUserClient_throwsAndChangesNothing() {
      store.saveToken(full("alice@example.com"));
      OAuthToken bob = store.saveToken(full("bob@example.com"));
      List<OAuthToken> before = store.getTokens();
      OAuthToken clash = full("alice@example.com").withId(bob.id());
      assertThatThrownBy(() -> store.saveToken(clash)).isInstanceOf(InvalidTokenException.class);
      assertThat(store.getTokens()).isEqualTo(before);
    }

    @Test
    void saveToken_idOfAnotherUsersToken_throwsAndChangesNothing() {
      OAuthToken alice = store.saveToken(full("alice@example.com"));
      List<OAuthToken> before = store.getTokens();
      assertThatThrownBy(() -> store.saveToken(full("bob@example.com").withId(alice.id())))
          .isInstanceOf(InvalidTokenException.class)
          .hasMessageContaining("alice@example.com");
      assertThatThrownBy(() -> store.saveToken(full("alice@example.com", CLIENT_B).withId(alice.id())))
          .isInstanceOf(InvalidTokenException.class);
      assertThat(store.getTokens()).isEqualTo(before);
    }

    @Test
    void saveToken_idOfTokenWithoutUser_mayNameItsUser() {
      OAuthToken anonymous = store.saveToken(full("x").toBuilder().userName(null).build());
      OAuthToken named = store.saveToken(OAuthToken.builder().id(anonymous.id()).userName("carol@example.com").build());
      assertThat(named).isEqualTo(anonymous.toBuilder().userName("carol@example.com").build());
    }

    @Test
    void saveToken_idTooLong_throws() {
      assertThatThrownBy(() -> store.saveToken(full("alice@example.com").withId("12345678901")))
          .isInstanceOf(InvalidTokenException.class)
          .hasMessageContaining("12345678901");
      assertThat(store.getTokens()).isEmpty();
    }

    @Test
    void saveToken_returnsWhatFindReturns() throws Exception {
      OAuthToken saved = store.saveToken(full("alice@example.com"));
      store = reopen(store);
      assertThat(store.findToken(OAuthToken.builder().userName("alice@example.com").build())).contains(saved);
    }

    @Test
    void saveToken_explicitNumericId_newIdsDoNotClash() {
      store.saveToken(full("alice@example.com").withId("7"));
      Set<String> ids = new HashSet<>();
      ids.add("7");
      for (int i = 0; i < 10; i++) {
        assertThat(ids.add(store.saveToken(full("user" + i + "@example.com")).id())).isTrue();
      }
      assertThat(store.findTokenById("7").map(OAuthToken::userName)).contains("alice@example.com");
    }
  }

  @Nested
  class Deletes {
    @Test
    void deleteToken_present_returnsTrueAndRemoves() {
      OAuthToken a = store.saveToken(full("alice@example.com"));
      OAuthToken b = store.saveToken(full("bob@example.com"));
      assertThat(store.deleteToken(a.id())).isTrue();
      assertThat(store.findTokenById(a.id())).isEmpty();
      assertThat(store.findToken(OAuthToken.builder().userName("alice@example.com").build())).isEmpty();
      assertThat(store.getTokens()).containsExactly(b);
    }

    @Test
    void deleteToken_absent_returnsFalse() {
      assertThat(store.deleteToken("12345")).isFalse();
    }

    @Test
    void deleteToken_twice_isIdempotent() {
      OAuthToken a = store.saveToken(full("alice@example.com"));
      assertThat(store.deleteToken(a.id())).isTrue();
      assertThat(store.deleteToken(a.id())).isFalse();
    }

    @Test
    void deleteToken_removesFromEveryLookup() {
      OAuthToken a = store.saveToken(full("alice@example.com").toBuilder().grantToken("1000.grant.a").build());
      store.deleteToken(a.id());
      assertThat(store.findToken(OAuthToken.builder().accessToken(a.accessToken()).build())).isEmpty();
      assertThat(store.findToken(OAuthToken.builder().clientId(CLIENT_A).clientSecret("s")
          .refreshToken(a.refreshToken()).build())).isEmpty();
      assertThat(store.findToken(OAuthToken.builder().clientId(CLIENT_A).clientSecret("s")
          .grantToken("1000.grant.a").build())).isEmpty();
    }

    @Test
    void deleteTokens_removesEverything() throws Exception {
      for (int i = 0; i < 5; i++) {
        store.saveToken(full("user" + i + "@example.com"));
      }
      store.deleteTokens();
      assertThat(store.getTokens()).isEmpty();
      store = reopen(store);
      assertThat(store.getTokens()).isEmpty();
      assertThat(store.findToken(OAuthToken.builder().userName("user1@example.com").build())).isEmpty();
    }

    @Test
    void deleteTokens_onEmptyStore_isFine() {
      store.deleteTokens();
      assertThat(store.getTokens()).isEmpty();
    }

    @Test
    void getTokens_orderedById() {
      store.saveToken(full("c@example.com").withId("10"));
      store.saveToken(full("a@example.com").withId("9"));
      store.saveToken(full("b@example.com").withId("100"));
      store.saveToken(full("d@example.com").withId("2"));
      assertThat(store.getTokens()).extracting(OAuthToken::id).containsExactly("2", "9", "10", "100");
    }

    @Test
    void getTokens_emptyStore_isEmptyList() {
      assertThat(store.getTokens()).isEmpty();
    }
  }

  static Stream<Arguments> awkwardValues() {
    return Stream.of(
        Arguments.of("quotes", "o'brien \"the\" user"),
        Arguments.of("commas", "a,b,,c"),
        Arguments.of("newline", "line1\nline2"),
        Arguments.of("crlf", "line1\r\nline2\r"),
        Arguments.of("tab", "a\tb"),
        Arguments.of("backslashes", "C:\\path\\to\\ \\\\"),
        Arguments.of("sql", "x' OR '1'='1'; DROP TABLE oauthtoken; --"),
        Arguments.of("like wildcards", "100%_user"),
        Arguments.of("non-ASCII", "renée.müller@例え.jp 😀"),
        Arguments.of("leading and trailing spaces", "  padded  "),
        Arguments.of("255 characters", "x".repeat(254) + "é"));
  }

  @Nested
  class Values {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tokenkeep.testkit.TokenStoreContract#awkwardValues")
    void saveToken_awkwardValues_roundTripExactly(String what, String value) throws Exception {
      OAuthToken token =
          OAuthToken.builder()
              .userName(value)
              .clientId(value)
              .clientSecret(value)
              .refreshToken(value)
              .accessToken(value)
              .grantToken(value)
              .expiresAt(EXPIRY)
              .redirectUrl(value)
              .apiDomain(value)
              .build();
      OAuthToken saved = saveAndReload(token);
      assertThat(saved).isEqualTo(token.withId(saved.id()));
      assertThat(store.findToken(OAuthToken.builder().userName(value).clientId(value).build())).contains(saved);
      assertThat(store.findToken(OAuthToken.builder().accessToken(value).build())).contains(saved);
    }

    @Test
    void saveToken_expiryKeepsMilliseconds() throws Exception {
      Instant odd = Instant.ofEpochMilli(1_700_000_000_001L);
      OAuthToken saved = saveAndReload(full("alice@example.com").toBuilder().expiresAt(odd).build());
      assertThat(saved.expiresAt()).isEqualTo(odd);
    }

    @Test
    void saveToken_absentFieldsStayAbsent() throws Exception {
      OAuthToken sparse = OAuthToken.builder().userName("alice@example.com").refreshToken("1000.refresh").build();
      OAuthToken saved = saveAndReload(sparse);
      assertThat(saved).isEqualTo(sparse.withId(saved.id()));
      assertThat(saved.expiresAt()).isNull();
      assertThat(saved.clientId()).isNull();
    }

    @Test
    void saveToken_everyFieldSurvivesReopen() throws Exception {
      OAuthToken full = full("alice@example.com").toBuilder().grantToken("1000.grant").build();
      OAuthToken saved = saveAndReload(full);
      assertThat(saved).isEqualTo(full.withId(saved.id()));
      assertThat(store.getTokens()).containsExactly(saved);
    }
  }

  @Nested
  class Errors {
    @Test
    void errors_nameOperationAndStore_withoutSecrets() {
      OAuthToken a = store.saveToken(full("alice@example.com", CLIENT_A));
      OAuthToken b = store.saveToken(full("alice@example.com", CLIENT_B));
      List<TokenStoreException> errors = new ArrayList<>();
      collect(errors, () -> store.findToken(OAuthToken.builder().userName("alice@example.com").build()));
      collect(errors, () -> store.saveToken(OAuthToken.builder().userName("carol@example.com")
          .clientSecret("carol-client-secret-value").build()));
      collect(errors, () -> store.saveToken(full("alice@example.com", CLIENT_A).withId(b.id())));
      assertThat(errors).hasSize(3);
      for (TokenStoreException e : errors) {
        assertThat(e.operation()).isNotBlank();
        assertThat(e.store()).isNotBlank();
        assertThat(e.getMessage()).contains(e.operation());
        for (OAuthToken t : List.of(a, b)) {
          assertNoSecretIn(e.getMessage(), t);
        }
        assertThat(e.getMessage()).doesNotContain("carol-client-secret-value");
      }
    }

    @Test
    void toString_ofStoredToken_showsNoSecret() {
      OAuthToken saved = store.saveToken(full("alice@example.com").toBuilder().grantToken("1000.grant.alice.long").build());
      assertNoSecretIn(saved.toString(), saved);
      assertNoSecretIn(String.valueOf(store), saved);
    }

    private void collect(List<TokenStoreException> errors, Runnable action) {
      try {
        action.run();
      } catch (TokenStoreException e) {
        errors.add(e);
      }
    }
  }

  /** Fails when {@code text} holds any of the secrets of {@code token}. */
  protected static void assertNoSecretIn(String text, OAuthToken token) {
    for (Secret s : new Secret[] {token.clientSecret(), token.refreshToken(), token.accessToken(), token.grantToken()}) {
      if (s != null) {
        assertThat(text).as("text must not show a secret").doesNotContain(s.reveal());
      }
    }
  }

  @Nested
  class Concurrency {
    private static final int THREADS = 8;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void saveToken_8ThreadsDistinctUsers_allPresentNoDuplicates() throws Exception {
      int perThread = usersPerThread();
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        tasks.add(() -> {
          for (int i = 0; i < perThread; i++) {
            store.saveToken(full("t" + thread + "-u" + i + "@example.com"));
          }
          return null;
        });
      }
      runTogether(tasks);
      List<OAuthToken> all = store.getTokens();
      assertThat(all).hasSize(THREADS * perThread);
      assertThat(all.stream().map(OAuthToken::id).distinct().count()).isEqualTo(THREADS * perThread);
      for (int t = 0; t < THREADS; t++) {
        String user = "t" + t + "-u" + (perThread - 1) + "@example.com";
        assertThat(store.findToken(OAuthToken.builder().userName(user).build())).isPresent();
      }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void saveToken_8ThreadsSameUser_oneTokenEqualToOneVersion() throws Exception {
      int rounds = 50;
      Map<String, OAuthToken> written = new java.util.concurrent.ConcurrentHashMap<>();
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        tasks.add(() -> {
          for (int i = 0; i < rounds; i++) {
            OAuthToken v = version("alice@example.com", thread + "." + i);
            written.put(thread + "." + i, v);
            store.saveToken(v);
          }
          return null;
        });
      }
      runTogether(tasks);
      List<OAuthToken> all = store.getTokens();
      assertThat(all).hasSize(1);
      OAuthToken last = all.get(0);
      String tag = last.apiDomain().substring("https://v".length());
      assertThat(last.withId(null)).as("the stored token is one written version, not a mix").isEqualTo(written.get(tag));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void findToken_duringConcurrentUpdates_neverSeesAMix() throws Exception {
      store.saveToken(version("alice@example.com", "start"));
      AtomicBoolean writing = new AtomicBoolean(true);
      OAuthToken q = OAuthToken.builder().userName("alice@example.com").clientId(CLIENT_A).build();
      List<Callable<Void>> tasks = new ArrayList<>();
      tasks.add(() -> {
        try {
          for (int i = 0; i < 300; i++) {
            store.saveToken(version("alice@example.com", "w" + i));
          }
        } finally {
          writing.set(false);
        }
        return null;
      });
      for (int r = 0; r < 3; r++) {
        tasks.add(() -> {
          while (writing.get()) {
            OAuthToken seen = store.findToken(q).orElseThrow();
            assertConsistent(seen);
          }
          return null;
        });
      }
      runTogether(tasks);
    }

    private OAuthToken version(String user, String tag) {
      return OAuthToken.builder()
          .userName(user)
          .clientId(CLIENT_A)
          .clientSecret("secret-" + tag)
          .refreshToken("refresh-" + tag)
          .accessToken("access-" + tag)
          .expiresAt(EXPIRY)
          .redirectUrl("https://r" + tag)
          .apiDomain("https://v" + tag)
          .build();
    }

    private void assertConsistent(OAuthToken t) {
      String tag = t.apiDomain().substring("https://v".length());
      assertThat(t.accessToken()).isEqualTo(Secret.of("access-" + tag));
      assertThat(t.refreshToken()).isEqualTo(Secret.of("refresh-" + tag));
      assertThat(t.clientSecret()).isEqualTo(Secret.of("secret-" + tag));
      assertThat(t.redirectUrl()).isEqualTo("https://r" + tag);
    }

    private void runTogether(List<Callable<Void>> tasks) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> task : tasks) {
          futures.add(pool.submit(() -> {
            start.await();
            return task.call();
          }));
        }
        start.countDown();
        for (Future<Void> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
