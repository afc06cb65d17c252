package dev.tokenkeep.testkit.faulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The kit has teeth: each seeded fault makes the tests that guard against it fail. */
class KitCatchesFaultyStoresTest {

  @Test
  void kit_storeIgnoringClientId_fails() {
    Set<String> failed = failuresOf(FaultyKits.IgnoresClientId.class);
    assertThat(failed).contains("findToken_userWithOtherClient_empty()", "findToken_byUserAndClient_choosesThatClient()");
  }

  @Test
  void kit_storeOverwritingWithAbsentValues_fails() {
    Set<String> failed = failuresOf(FaultyKits.OverwritesWithAbsent.class);
    assertThat(failed).contains("saveToken_update_absentFieldsKeepStoredValues()", "saveToken_withKnownId_updatesAndMerges()");
  }

  @Test
  void kit_storeWithoutSynchronization_fails() {
    Set<String> failed = failuresOf(FaultyKits.Unsynchronized.class);
    assertThat(failed).containsAnyOf(
        "saveToken_8ThreadsDistinctUsers_allPresentNoDuplicates()",
        "saveToken_8ThreadsSameUser_oneTokenEqualToOneVersion()");
  }

  @Test
  void kit_correctStoreThroughTheSameHarness_passes() {
    assertThat(failuresOf(FaultyKits.Correct.class)).isEmpty();
  }

  /** Runs the kit on {@code kit} and returns the names of the tests that failed. */
  private static Set<String> failuresOf(Class<?> kit) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit)).build();
    List<String> failed = new CopyOnWriteArrayList<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
          failed.add(id.getDisplayName());
        }
      }
    });
    return failed.stream().collect(Collectors.toSet());
  }
}
