package dev.sipbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class WebhookClientTest {
  private static final String TOKEN = "SeCrEt_token-0123456789abcdefghijklmnopqrstuvwxyz";

  @Test
  void redact_removesTheTokenFromTransportMessages() {
    DiscordSettings settings = DiscordSettings.of("https://discord.com/api/webhooks/42/" + TOKEN);
    WebhookClient client = new WebhookClient(settings, new OkHttpClient());

    String text =
        client.redact(
            "unexpected end of stream on https://discord.com/api/webhooks/42/"
                + TOKEN
                + "?wait=true");

    assertThat(text).doesNotContain(TOKEN).endsWith("/webhooks/42/***?wait=true");
  }

  @Test
  void sockets_turnNoReadTimeoutIntoTheConfiguredOne() throws Exception {
    ReadTimeoutSockets sockets = new ReadTimeoutSockets(Duration.ofMillis(1234));
    try (Socket socket = sockets.createSocket()) {
      socket.setSoTimeout(0); // what OkHttp sets when its own timeouts are off
      assertThat(socket.getSoTimeout()).isEqualTo(1234);
      socket.setSoTimeout(1); // OkHttp's health check of a pooled connection
      assertThat(socket.getSoTimeout()).isEqualTo(1);
    }
  }

  @Test
  void sockets_connectedByAddressCarryTheReadTimeout() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket =
            new ReadTimeoutSockets(Duration.ofMillis(750))
                .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      assertThat(socket.isConnected()).isTrue();
      assertThat(socket.getSoTimeout()).isEqualTo(750);
    }
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
