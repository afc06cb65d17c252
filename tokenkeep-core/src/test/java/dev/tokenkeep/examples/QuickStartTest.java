package dev.tokenkeep.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  @Test
  void quickStart_savesFindsAndListsWithoutPrintingSecrets() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    QuickStart.run("memory:", new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("found:  OAuthToken{id=1, user_name=alice@example.com");
    assertThat(out).contains("id=2, user_name=bob@example.com");
    assertThat(out).doesNotContain("demo-client-secret", "1000.demo.refresh.alice", "1000.demo.access.alice");
  }
}
