package dev.tokenkeep.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenkeep.oauth.Answer.Purpose;
import dev.tokenkeep.oauth.OAuthException.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerTest {
  private final ObjectMapper json = new ObjectMapper();

  private Answer read(int status, String body, Purpose purpose) {
    return Answer.read(status, body.getBytes(StandardCharsets.UTF_8), null, purpose, json);
  }

  @Test
  void tokenAnswer_withAccessToken_succeeds() {
    Answer a = read(200, "{\"access_token\":\"a\",\"expires_in\":3600}", Purpose.TOKEN);
    assertThat(a.succeeded()).isTrue();
  }

  @ParameterizedTest(name = "HTTP {0} {1} -> {2} {3}")
  @CsvSource(delimiter = '|', value = {
    "200 | {\"error\":\"invalid_code\"}                               | REAUTHORIZE | invalid_code",
    "400 | {\"error\":\"invalid_grant\",\"error_description\":\"x\"}  | REAUTHORIZE | invalid_grant",
    "401 | {\"error\":\"invalid_token\"}                              | REAUTHORIZE | invalid_token",
    "200 | {\"error\":\"invalid_client\"}                             | REFUSED     | invalid_client",
    "401 | {\"error\":\"invalid_client\"}                             | REFUSED     | invalid_client",
    "200 | {\"error\":\"invalid_client_secret\"}                      | REFUSED     | invalid_client_secret",
    "200 | {\"error\":\"invalid_redirect_uri\"}                       | REFUSED     | invalid_redirect_uri",
    "200 | {\"error\":\"Access Denied\",\"status\":\"failure\"}      | TRANSIENT   | Access Denied",
    "400 | {\"error\":\"Access Denied\",\"status\":\"failure\"}      | TRANSIENT   | Access Denied",
    "503 | {\"error\":\"invalid_grant\"}                              | TRANSIENT   | invalid_grant",
    "400 | {\"error\":\"temporarily_unavailable\"}                    | TRANSIENT   | temporarily_unavailable",
    "503 | <html><body>Service Unavailable</body></html>            | TRANSIENT   | http_503",
    "502 | ''                                                       | TRANSIENT   | http_502",
    "429 | {}                                                       | TRANSIENT   | http_429",
    "408 | ''                                                       | TRANSIENT   | http_408",
    "200 | <html>login</html>                                       | TRANSIENT   | invalid_response",
    "200 | {\"token_type\":\"Bearer\"}                                | TRANSIENT   | invalid_response",
    "404 | <html>not found</html>                                   | REFUSED     | http_404",
    "401 | ''                                                       | REFUSED     | http_401",
  })
  void tokenAnswer_isClassifiedByItsBody(int status, String body, Kind kind, String code) {
    Answer a = read(status, body, Purpose.TOKEN);
    assertThat(a.succeeded()).isFalse();
    assertThat(a.failure).isEqualTo(kind);
    assertThat(a.code).isEqualTo(code);
  }

  @Test
  void revocation_anyTwoHundredWithoutError_succeeds() {
    assertThat(read(200, "", Purpose.REVOKE).succeeded()).isTrue();
    assertThat(read(200, "{\"status\":\"success\"}", Purpose.ZOHO_REVOKE).succeeded()).isTrue();
    assertThat(read(200, "{\"error\":\"invalid_client\"}", Purpose.REVOKE).failure).isEqualTo(Kind.REFUSED);
  }

  @Test
  void zohoRevocation_http400_meansTheTokenIsAlreadyDead() {
    Answer a = read(400, "{\"status\":\"failure\"}", Purpose.ZOHO_REVOKE);
    assertThat(a.failure).isEqualTo(Kind.REAUTHORIZE);
    assertThat(read(400, "{\"status\":\"failure\"}", Purpose.REVOKE).failure).isEqualTo(Kind.REFUSED);
  }

  @Test
  void apiAnswer_401_isRefusedWithTheApiCode() {
    Answer a = read(401, "{\"code\":\"INVALID_TOKEN\",\"status\":\"error\"}", Purpose.API);
    assertThat(a.failure).isEqualTo(Kind.REFUSED);
    assertThat(a.code).isEqualTo("INVALID_TOKEN");
    assertThat(read(200, "{\"users\":[]}", Purpose.API).succeeded()).isTrue();
  }
}
