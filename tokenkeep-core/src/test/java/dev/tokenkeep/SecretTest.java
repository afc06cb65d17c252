package dev.tokenkeep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void fingerprint_longSecret_showsPrefixAndLength() {
    Secret s = Secret.of("1000.abcdefghijklmnopqrstuvwxyz");
    assertThat(s.fingerprint()).isEqualTo("1000…[31]");
    assertThat(s.toString()).isEqualTo(s.fingerprint());
  }

  @Test
  void fingerprint_shortSecret_showsOnlyLength() {
    assertThat(Secret.of("hunter2").fingerprint()).isEqualTo("…[7]");
  }

  @Test
  void ofNullable_emptyOrNull_isAbsent() {
    assertThat(Secret.ofNullable("")).isNull();
    assertThat(Secret.ofNullable(null)).isNull();
    assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equality_comparesValues() {
    assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).hasSameHashCodeAs(Secret.of("abc"));
    assertThat(Secret.of("abc")).isNotEqualTo(Secret.of("abd"));
    assertThat(Secret.of("abc").matches("abc")).isTrue();
    assertThat(Secret.of("abc").matches(null)).isFalse();
  }
}
