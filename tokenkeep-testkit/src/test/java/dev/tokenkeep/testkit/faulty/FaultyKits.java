package dev.tokenkeep.testkit.faulty;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.testkit.TokenStoreContract;

/**
 * The conformance kit aimed at each faulty store. These classes are not named like tests, so the
 * build does not run them directly; {@code KitCatchesFaultyStoresTest} runs them through the
 * JUnit Platform launcher and requires failures.
 */
final class FaultyKits {
  private FaultyKits() {}

  static class IgnoresClientId extends TokenStoreContract {
    @Override
    protected TokenStore newStore() {
      return new FaultyStores.IgnoresClientId();
    }
  }

  static class OverwritesWithAbsent extends TokenStoreContract {
    @Override
    protected TokenStore newStore() {
      return new FaultyStores.OverwritesWithAbsent();
    }
  }

  static class Unsynchronized extends TokenStoreContract {
    @Override
    protected TokenStore newStore() {
      return new FaultyStores.Unsynchronized();
    }
  }

  /** The same harness on a correct store, to show the harness itself reports no false failure. */
  static class Correct extends TokenStoreContract {
    @Override
    protected TokenStore newStore() {
      return TokenStores.open("memory:");
    }
  }
}
