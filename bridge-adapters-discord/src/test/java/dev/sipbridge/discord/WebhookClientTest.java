package dev.sipbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class WebhookClientTest {
  private static final String TOKEN = "SeCrEt_token-0123456789abcdefghijklmnopqrstuvwxyz";

  @Test
  void redact_removesTheTokenFromTransportMessages() {
    DiscordSettings settings =
        DiscordSettings.of("https://discord.com/api/webhooks/42/" + TOKEN);
    WebhookClient client = new WebhookClient(settings, new OkHttpClient());

    String text = client.redact("unexpected end of stream on https://discord.com/api/webhooks/42/"
        + TOKEN + "?wait=true");

    assertThat(text).doesNotContain(TOKEN).endsWith("/webhooks/42/***?wait=true");
  }

  @Test
  void seconds_readsDiscordsDecimalSecondsAndIgnoresJunk() {
    assertThat(WebhookClient.seconds("64.57")).isEqualTo(Duration.ofMillis(64_570));
    assertThat(WebhookClient.seconds("2")).isEqualTo(Duration.ofSeconds(2));
    assertThat(WebhookClient.seconds(null)).isZero();
    assertThat(WebhookClient.seconds("soon")).isZero();
    assertThat(WebhookClient.seconds("-1")).isZero();
    assertThat(WebhookClient.seconds("1e12")).isEqualTo(Duration.ofHours(1));
  }
}
