package dev.sipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RawWebSocketServerTest {
  @Test
  void answerPings_pongsEveryPingAndRecordsTextAndClose() throws IOException {
    try (RawWebSocketServer raw =
        new RawWebSocketServer(RawWebSocketServer.Mode.ANSWER_PINGS, "{\"type\":\"a\"}")) {
      TestSocket client = TestSocket.connect(raw.baseUrl(), "rtc_raw");
      WebSocket ws = client.socket();

      ws.sendPing(ByteBuffer.wrap(new byte[] {1})).join();
      ws.sendPing(ByteBuffer.wrap(new byte[] {2})).join();
      client.send("{\"type\":\"b\"}");
      await().until(() -> client.pongs.size() == 2);
      ws.sendClose(1000, "").join();

      assertThat(client.closed.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1000);
      assertThat(client.texts()).containsExactly("{\"type\":\"a\"}");
      assertThat(raw.pings()).isEqualTo(2);
      assertThat(raw.received()).containsExactly("{\"type\":\"b\"}");
      assertThat(raw.closeCodes()).containsExactly(1000);
    }
  }

  @Test
  void silent_neverPongsNorAnswersAClose() throws IOException {
    try (RawWebSocketServer raw = new RawWebSocketServer(RawWebSocketServer.Mode.SILENT, "")) {
      TestSocket client = TestSocket.connect(raw.baseUrl(), "rtc_raw");
      WebSocket ws = client.socket();

      ws.sendPing(ByteBuffer.wrap(new byte[] {1})).join();
      ws.sendClose(1000, "").join();
      await().until(() -> raw.closeCodes().size() == 1);

      // an answer would come within milliseconds; for 300 ms there is none
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> client.pongs.isEmpty() && !client.closed.isDone());
      assertThat(raw.pings()).isEqualTo(1);
      client.abort();
    }
  }

  @Test
  void dropAfterClientFrame_endsTheConnectionWithoutACloseFrame() throws IOException {
    try (RawWebSocketServer raw =
        new RawWebSocketServer(
            RawWebSocketServer.Mode.DROP_AFTER_CLIENT_FRAME, "{\"type\":\"a\"}")) {
      TestSocket client = TestSocket.connect(raw.baseUrl(), "rtc_raw");
      await().until(() -> client.texts().size() == 1);

      client.send("{\"type\":\"b\"}");

      // the JDK reports a connection that ended without a close frame as 1006 (RFC 6455 §7.1.5)
      assertThat(client.closed.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1006);
      assertThat(raw.received()).containsExactly("{\"type\":\"b\"}");
    }
  }
}
