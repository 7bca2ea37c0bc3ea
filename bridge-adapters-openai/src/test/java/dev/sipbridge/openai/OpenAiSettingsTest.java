package dev.sipbridge.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {
  private static final String KEY = "sk-proj-SECRETKEY123";
  private static final String WHSEC = "whsec_U0VDUkVUU0VDUkVU";

  @Test
  void toString_masksBothSecrets() {
    String text = OpenAiSettings.of(KEY, WHSEC).toString();

    assertThat(text).doesNotContain("SECRETKEY", "U0VDUkVU").contains("api.openai.com");
  }

  @Test
  void defaults_publicApiAndTenSecondTimeouts() {
    OpenAiSettings settings = OpenAiSettings.of(KEY, WHSEC);

    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void realtimeUri_followsTheBaseUrlScheme() {
    assertThat(OpenAiSettings.of(KEY, WHSEC).realtimeUri("rtc_1"))
        .isEqualTo(URI.create("wss://api.openai.com/v1/realtime?call_id=rtc_1"));
    assertThat(
            OpenAiSettings.of(KEY, WHSEC)
                .withBaseUrl(URI.create("http://127.0.0.1:8089/v1/"))
                .realtimeUri("rtc_1"))
        .isEqualTo(URI.create("ws://127.0.0.1:8089/v1/realtime?call_id=rtc_1"));
  }

  @Test
  void baseUrlWithQuery_keepsItAndStripsTrailingSlash() {
    OpenAiSettings settings =
        OpenAiSettings.of(KEY, WHSEC).withBaseUrl(URI.create("https://proxy.test/openai/v1/?x=1"));

    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://proxy.test/openai/v1?x=1"));
    assertThat(settings.realtimeUri("rtc_1"))
        .isEqualTo(URI.create("wss://proxy.test/openai/v1/realtime?x=1&call_id=rtc_1"));
  }

  @Test
  void invalidValues_rejectedWithoutEchoingSecrets() {
    assertThatThrownBy(() -> OpenAiSettings.of(" ", WHSEC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey");
    assertThatThrownBy(() -> OpenAiSettings.of(KEY, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhookSecret");
    assertThatThrownBy(() -> OpenAiSettings.of(KEY, WHSEC).withBaseUrl(URI.create("ftp://x/v1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> OpenAiSettings.of(KEY, WHSEC).withTimeouts(Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
  }
}
