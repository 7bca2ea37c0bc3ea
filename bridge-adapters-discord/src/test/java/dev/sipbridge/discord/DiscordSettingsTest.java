package dev.sipbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiscordSettingsTest {
  private static final String TOKEN = "AbC-123_xyzSECRETtokenSECRETtokenSECRETtokenSECRET";
  private static final String URL = "https://discord.com/api/webhooks/123456789012345678/" + TOKEN;

  @Test
  void of_hasProductionDefaults() {
    DiscordSettings s = DiscordSettings.of(URL);

    assertThat(s.threadPerCall()).isFalse();
    assertThat(s.maxLineAge()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.minInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.burst()).isEqualTo(10);
    assertThat(s.maxPause()).isEqualTo(Duration.ofSeconds(60));
    // the channel budget never allows more than Discord's ~30 posts in any minute
    assertThat(s.burst() + Duration.ofMinutes(1).dividedBy(s.minInterval()))
        .isLessThanOrEqualTo(30);
    assertThat(s.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.cloudflarePause()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.token()).isEqualTo(TOKEN);
  }

  @Test
  void toString_hidesTheUrl() {
    String text = DiscordSettings.builder(URL).threadPerCall(true).build().toString();

    assertThat(text)
        .doesNotContain(TOKEN)
        .doesNotContain("discord.com")
        .contains("***")
        .contains("threadPerCall=true");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://discord.com/api/webhooks/1/" + TOKEN,
        "https://discord.com/api/v10/webhooks/1/" + TOKEN + "/",
        "https://discordapp.com/api/webhooks/1/" + TOKEN,
        "https://canary.discord.com/api/webhooks/1/" + TOKEN + "?thread_id=5",
        "http://127.0.0.1:8080/api/webhooks/1/" + TOKEN,
        "http://localhost/api/webhooks/1/" + TOKEN
      })
  void webhookUrls_inTheirUsualShapes_areAccepted(String url) {
    assertThat(DiscordSettings.of(url).token()).isEqualTo(TOKEN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "discord.com/api/webhooks/1/" + TOKEN,
        "http://discord.com/api/webhooks/1/" + TOKEN,
        "https://discord.com/api/webhooks/abc/" + TOKEN,
        "https://discord.com/api/webhooks/1/" + TOKEN + "/extra",
        "https://discord.com/api/channels/1/" + TOKEN,
        "   "
      })
  void malformedUrls_areRejectedWithoutQuotingThem(String url) {
    assertThatThrownBy(() -> DiscordSettings.of(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhook URL")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void nonPositiveTimeouts_areRejected() {
    assertThatThrownBy(
            () ->
                DiscordSettings.builder(URL)
                    .timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
  }

  @Test
  void burstBelowOneAndNonPositiveMaxPause_areRejected() {
    assertThatThrownBy(() -> DiscordSettings.builder(URL).burst(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("burst");
    assertThatThrownBy(() -> DiscordSettings.builder(URL).maxPause(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPause");
  }

  @Test
  void builder_startsFromTheDefaults_andToBuilderKeepsEverySetting() {
    DiscordSettings changed =
        DiscordSettings.builder(URL)
            .threadPerCall(true)
            .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3))
            .maxLineAge(Duration.ofMinutes(4))
            .minInterval(Duration.ofMillis(500))
            .burst(3)
            .backoff(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(7))
            .maxPause(Duration.ofSeconds(9))
            .maxQueued(42)
            .build();

    assertThat(DiscordSettings.builder(URL).build()).isEqualTo(DiscordSettings.of(URL));
    assertThat(changed.toBuilder().build()).isEqualTo(changed);
    assertThat(changed.toBuilder().burst(4).build())
        .isEqualTo(
            new DiscordSettings(
                URL,
                true,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                Duration.ofMinutes(4),
                Duration.ofMillis(500),
                4,
                Duration.ofMillis(100),
                Duration.ofSeconds(5),
                Duration.ofSeconds(7),
                Duration.ofSeconds(9),
                42));
  }
}
