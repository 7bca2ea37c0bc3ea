package dev.sipbridge.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TwilioSettingsTest {
  static final String SID = "AC00000000000000000000000000000000";
  static final String TOKEN = "s3cr3t-auth-token";

  @Test
  void defaults_publicApiAndTenSeconds() {
    TwilioSettings settings = new TwilioSettings(SID, TOKEN);

    assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void toString_masksToken() {
    TwilioSettings settings = new TwilioSettings(SID, TOKEN);

    assertThat(settings.toString()).contains(SID, "***").doesNotContain(TOKEN);
  }

  @Test
  void blankToken_rejectedWithoutEchoingIt() {
    assertThatThrownBy(() -> new TwilioSettings(SID, "  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("authToken");
  }

  @Test
  void blankSid_rejected() {
    assertThatThrownBy(() -> new TwilioSettings("", TOKEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accountSid");
  }

  @Test
  void nonHttpBaseUrl_rejected() {
    assertThatThrownBy(() -> new TwilioSettings(SID, TOKEN, URI.create("ftp://example.com"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiBaseUrl");
    assertThatThrownBy(() -> new TwilioSettings(SID, TOKEN, URI.create("/relative"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiBaseUrl");
  }

  @Test
  void nonPositiveTimeout_rejected() {
    assertThatThrownBy(() -> new TwilioSettings(SID, TOKEN, null, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }
}
