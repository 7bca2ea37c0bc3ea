package dev.sipbridge.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioRequestValidatorTest {
  // The SDK's own published test vector.
  static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  static final String SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
  static final Map<String, String> PARAMS =
      Map.of(
          "CallSid", "CA1234567890ABCDE",
          "Caller", "+14158675309",
          "Digits", "1234",
          "From", "+14158675309",
          "To", "+18005551212");

  final TwilioRequestValidator validator = new TwilioRequestValidator("12345");

  @Test
  void publishedVector_valid() {
    assertThat(validator.isValid(URL, PARAMS, SIGNATURE)).isTrue();
  }

  @Test
  void explicitDefaultPort_stillValid() {
    assertThat(
            validator.isValid("https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS, SIGNATURE))
        .isTrue();
  }

  @Test
  void changedParam_invalid() {
    Map<String, String> tampered = new HashMap<>(PARAMS);
    tampered.put("Digits", "1235");

    assertThat(validator.isValid(URL, tampered, SIGNATURE)).isFalse();
  }

  @Test
  void extraParam_invalid() {
    Map<String, String> extra = new HashMap<>(PARAMS);
    extra.put("CallToken", "x");

    assertThat(validator.isValid(URL, extra, SIGNATURE)).isFalse();
  }

  @Test
  void changedUrl_invalid() {
    assertThat(validator.isValid("https://mycompany.com/myapp.php?foo=1&bar=3", PARAMS, SIGNATURE))
        .isFalse();
  }

  @Test
  void wrongSignature_invalid() {
    assertThat(validator.isValid(URL, PARAMS, "RSOYDt4T1cUTdK1PDd93/VVr8B9=")).isFalse();
  }

  @Test
  void otherToken_invalid() {
    assertThat(new TwilioRequestValidator("54321").isValid(URL, PARAMS, SIGNATURE)).isFalse();
  }

  @Test
  void missingOrBlankHeader_invalid() {
    assertThat(validator.isValid(URL, PARAMS, null)).isFalse();
    assertThat(validator.isValid(URL, PARAMS, "")).isFalse();
    assertThat(validator.isValid(URL, PARAMS, "   ")).isFalse();
  }

  @Test
  void missingUrlOrParams_invalidWithoutThrowing() {
    assertThat(validator.isValid(null, PARAMS, SIGNATURE)).isFalse();
    assertThat(validator.isValid(URL, null, SIGNATURE)).isFalse();
    assertThat(validator.isValid("::not a url::", PARAMS, SIGNATURE)).isFalse();
  }

  @Test
  void blankToken_rejected() {
    assertThatThrownBy(() -> new TwilioRequestValidator(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
