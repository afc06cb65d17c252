package dev.tokenkeep.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExpiryTest {
  private static final Duration ASSUMED = TokenEndpoint.ASSUMED_LIFETIME;
  private final ObjectMapper json = new ObjectMapper();

  private Duration lifetime(String answer) throws Exception {
    return Expiry.lifetime(json.readTree(answer), ASSUMED);
  }

  @Test
  void expiresInSec_wins_overMillisecondExpiresIn() throws Exception {
    assertThat(lifetime("{\"expires_in\":3600000,\"expires_in_sec\":3600}")).isEqualTo(Duration.ofHours(1));
    assertThat(lifetime("{\"expires_in\":3600,\"expires_in_sec\":1800}")).isEqualTo(Duration.ofMinutes(30));
  }

  @ParameterizedTest
  @CsvSource({
    "3600, PT1H",
    "3599, PT59M59S",
    "86400, PT24H",
    "999999, PT277H46M39S",
    "1000000, PT16M40S",
    "3600000, PT1H"
  })
  void expiresIn_alone_isSecondsBelowTheThreshold_millisecondsAbove(long value, Duration expected) throws Exception {
    assertThat(lifetime("{\"expires_in\":" + value + "}")).isEqualTo(expected);
  }

  @Test
  void expiresIn_asJsonString_isReadTheSame() throws Exception {
    assertThat(lifetime("{\"expires_in\":\"3600\"}")).isEqualTo(Duration.ofHours(1));
    assertThat(lifetime("{\"expires_in\":\" 3600 \"}")).isEqualTo(Duration.ofHours(1));
    assertThat(lifetime("{\"expires_in_sec\":\"1800\",\"expires_in\":\"1800000\"}")).isEqualTo(Duration.ofMinutes(30));
    assertThat(lifetime("{\"expires_in\":3600.9}")).isEqualTo(Duration.ofHours(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{}", "{\"expires_in\":null}", "{\"expires_in\":0}", "{\"expires_in\":-5}", "{\"expires_in\":\"soon\"}",
    "{\"expires_in\":\"\"}", "{\"expires_in\":true}", "{\"expires_in\":[3600]}", "{\"expires_in\":0.5}",
    "{\"expires_in\":\"NaN\"}"
  })
  void absentOrUnreadable_isTheAssumedLifetime_neverForever(String answer) throws Exception {
    assertThat(lifetime(answer)).isEqualTo(ASSUMED);
  }

  @Test
  void badExpiresInSec_fallsBackToExpiresIn() throws Exception {
    assertThat(lifetime("{\"expires_in_sec\":\"x\",\"expires_in\":3600}")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void hugeValues_areCapped() throws Exception {
    assertThat(lifetime("{\"expires_in\":9223372036854775807}")).isEqualTo(Expiry.MAX_LIFETIME);
    assertThat(lifetime("{\"expires_in_sec\":1e300}")).isEqualTo(Expiry.MAX_LIFETIME);
    assertThat(lifetime("{\"expires_in\":\"1e300\"}")).isEqualTo(Expiry.MAX_LIFETIME);
  }

  @Test
  void expiresAt_countsFromWhenTheRequestWasSent() throws Exception {
    JsonNode answer = json.readTree("{\"expires_in\":3600}");
    long sent = Instant.parse("2030-01-01T00:00:00.123Z").toEpochMilli();
    assertThat(Expiry.expiresAt(answer, sent, ASSUMED)).isEqualTo(Instant.parse("2030-01-01T01:00:00.123Z"));
  }

  @Test
  void assumedLifetime_isShort() {
    assertThat(ASSUMED).isEqualTo(Duration.ofMinutes(5));
  }
}
