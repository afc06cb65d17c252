package dev.tokenkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A property test that runs random sequences of the six operations against a store and against
 * the {@code list:} reference store, and requires the same observable results: the same found
 * tokens, the same errors, the same deletes, the same lists.
 *
 * <p>Ids a store creates may differ from the model's (a database sequence skips numbers), so the
 * property maps each model id to the store's id when both insert, and compares through that map.
 * Extend it and implement {@link #newStore()}, which must return an empty store.
 */
public abstract class TokenStoreModelProperties {

  /** A new, empty store for one sequence. */
  protected abstract TokenStore newStore() throws Exception;

  /** How many operations a sequence holds at most. */
  protected int maxOperations() {
    return 40;
  }

  @Property(tries = 200)
  void store_behavesLikeListStore(@ForAll("sequences") List<Op> ops) throws Exception {
    try (TokenStore model = TokenStores.open("list:");
        TokenStore actual = newStore()) {
      Map<String, String> ids = new HashMap<>();
      for (Op op : ops) {
        Outcome expected = Outcome.of(() -> op.apply(model, Function.identity()));
        Outcome got = Outcome.of(() -> op.apply(actual, id -> ids.getOrDefault(id, id)));
        expected.learnIds(got, ids);
        assertThat(got.describe(ids)).as("%s", op).isEqualTo(expected.describe(Map.of()));
      }
      assertThat(Outcome.of(actual::getTokens).describe(ids))
          .isEqualTo(Outcome.of(model::getTokens).describe(Map.of()));
    }
  }

  @Provide
  Arbitrary<List<Op>> sequences() {
    return op().list().ofMaxSize(maxOperations());
  }

  private static final List<String> USERS = java.util.Arrays.asList("alice@x.com", "Alice@x.com", "bob@x.com", null);
  private static final List<String> CLIENTS = java.util.Arrays.asList("1000.A", "1000.B", null);
  private static final List<String> SECRETS = java.util.Arrays.asList("s1", "s2", null);
  private static final List<String> TOKENS = java.util.Arrays.asList("t1", "t2", "t3", null);
  private static final List<String> EXPLICIT_IDS = java.util.Arrays.asList("500", "k1", null, null, null);
  private static final List<String> DOMAINS = java.util.Arrays.asList("https://www.zohoapis.com", "https://www.zohoapis.eu", null);

  private Arbitrary<OAuthToken> token() {
    Arbitrary<OAuthToken.Builder> a =
        Combinators.combine(
                Arbitraries.of(USERS), Arbitraries.of(CLIENTS), Arbitraries.of(SECRETS),
                Arbitraries.of(TOKENS), Arbitraries.of(TOKENS))
            .as((u, c, s, r, at) ->
                OAuthToken.builder().userName(u).clientId(c).clientSecret(s).refreshToken(r == null ? null : "r" + r)
                    .accessToken(at == null ? null : "a" + at));
    return Combinators.combine(a, Arbitraries.of(TOKENS), Arbitraries.of(DOMAINS),
            Arbitraries.longs().between(0, 3).injectNull(0.3))
        .as((b, g, d, e) -> b.grantToken(g == null ? null : "g" + g).apiDomain(d)
            .expiresAt(e == null ? null : java.time.Instant.ofEpochMilli(1_700_000_000_000L + e)).build());
  }

  private Arbitrary<Op> op() {
    Arbitrary<String> someId = Arbitraries.of("1", "2", "3", "4", "500", "k1", "zz");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Combinators.combine(token(), Arbitraries.of(EXPLICIT_IDS))
            .as((t, id) -> new Op("saveToken", t.withId(id), null))),
        net.jqwik.api.Tuple.of(4, token().map(t -> new Op("findToken", t, null))),
        net.jqwik.api.Tuple.of(2, someId.map(id -> new Op("findTokenById", null, id))),
        net.jqwik.api.Tuple.of(2, someId.map(id -> new Op("deleteToken", null, id))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Op("getTokens", null, null))),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Op("deleteTokens", null, null))));
  }

  /** One operation of a sequence; ids are given as the model knows them and mapped for the store. */
  static final class Op {
    final String name;
    final OAuthToken token;
    final String id;

    Op(String name, OAuthToken token, String id) {
      this.name = name;
      this.token = token;
      this.id = id;
    }

    Object apply(TokenStore store, Function<String, String> mapId) {
      switch (name) {
        case "saveToken":
          return store.saveToken(token.id() == null ? token : token.withId(mapId.apply(token.id())));
        case "findToken":
          return store.findToken(token);
        case "findTokenById":
          return store.findTokenById(mapId.apply(id));
        case "deleteToken":
          return store.deleteToken(mapId.apply(id));
        case "getTokens":
          return store.getTokens();
        default:
          store.deleteTokens();
          return null;
      }
    }

    @Override
    public String toString() {
      return name + "(" + (token != null ? token : id) + ")";
    }
  }

  /** What an operation returned or threw, comparable across stores. */
  private static final class Outcome {
    final Object value;
    final Throwable error;

    private Outcome(Object value, Throwable error) {
      this.value = value;
      this.error = error;
    }

    static Outcome of(java.util.concurrent.Callable<?> call) {
      try {
        return new Outcome(call.call(), null);
      } catch (Exception e) {
        return new Outcome(null, e);
      }
    }

    /** After a save that inserted in both stores, remembers which store id stands for the model's. */
    void learnIds(Outcome actual, Map<String, String> ids) {
      if (value instanceof OAuthToken && actual.value instanceof OAuthToken) {
        ids.putIfAbsent(((OAuthToken) value).id(), ((OAuthToken) actual.value).id());
      }
    }

    /** The outcome as text, with the store ids of {@code ids} written as the model's ids. */
    String describe(Map<String, String> ids) {
      if (error != null) {
        return "error " + error.getClass().getSimpleName();
      }
      Map<String, String> back = new HashMap<>();
      ids.forEach((model, store) -> back.put(store, model));
      return String.valueOf(normalise(value, back));
    }

    private static Object normalise(Object v, Map<String, String> back) {
      if (v instanceof Optional) {
        return ((Optional<?>) v).map(x -> normalise(x, back));
      }
      if (v instanceof OAuthToken) {
        OAuthToken t = (OAuthToken) v;
        return dev.tokenkeep.store.StoreRules.toRow(t.withId(back.getOrDefault(t.id(), t.id())));
      }
      if (v instanceof List) {
        List<Object> out = new ArrayList<>();
        for (Object x : (List<?>) v) {
          out.add(normalise(x, back));
        }
        out.sort(java.util.Comparator.comparing(Object::toString));
        return out;
      }
      return v;
    }
  }
}
