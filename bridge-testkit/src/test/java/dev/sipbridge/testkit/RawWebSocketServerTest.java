package dev.sipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RawWebSocketServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void answerPings_pongsEveryPingAndRecordsTextAndClose() throws IOException {
    try (RawWebSocketServer raw =
        new RawWebSocketServer(RawWebSocketServer.Mode.ANSWER_PINGS, "{\"type\":\"a\"}")) {
      Client client = new Client();
      WebSocket ws = client.connect(raw.baseUrl());

      ws.sendPing(ByteBuffer.wrap(new byte[] {1})).join();
      ws.sendPing(ByteBuffer.wrap(new byte[] {2})).join();
      ws.sendText("{\"type\":\"b\"}", true).join();
      await().until(() -> client.pongs.size() == 2);
      ws.sendClose(1000, "").join();

      assertThat(client.closed.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1000);
      assertThat(client.texts).containsExactly("{\"type\":\"a\"}");
      assertThat(raw.pings()).isEqualTo(2);
      assertThat(raw.received()).containsExactly("{\"type\":\"b\"}");
      assertThat(raw.closeCodes()).containsExactly(1000);
    }
  }

  @Test
  void silent_neverPongsNorAnswersAClose() throws IOException {
    try (RawWebSocketServer raw = new RawWebSocketServer(RawWebSocketServer.Mode.SILENT, "")) {
      Client client = new Client();
      WebSocket ws = client.connect(raw.baseUrl());

      ws.sendPing(ByteBuffer.wrap(new byte[] {1})).join();
      ws.sendClose(1000, "").join();
      await().until(() -> raw.closeCodes().size() == 1);
      // an answer would come within milliseconds; for 300 ms there is none
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
          .until(() -> client.pongs.isEmpty() && !client.closed.isDone());

      assertThat(raw.pings()).isEqualTo(1);
      ws.abort();
    }
  }

  @Test
  void dropAfterClientFrame_endsTheConnectionWithoutACloseFrame() throws IOException {
    try (RawWebSocketServer raw = new RawWebSocketServer(
        RawWebSocketServer.Mode.DROP_AFTER_CLIENT_FRAME, "{\"type\":\"a\"}")) {
      Client client = new Client();
      WebSocket ws = client.connect(raw.baseUrl());
      await().until(() -> client.texts.size() == 1);

      ws.sendText("{\"type\":\"b\"}", true).join();

      // the JDK reports a connection that ended without a close frame as 1006 (RFC 6455 §7.1.5)
      assertThat(client.closed.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1006);
      assertThat(raw.received()).containsExactly("{\"type\":\"b\"}");
    }
  }

  /** A JDK WebSocket client that records what the server did. */
  private static final class Client implements WebSocket.Listener {
    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<ByteBuffer> pongs = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    WebSocket connect(URI baseUrl) {
      URI uri = URI.create(baseUrl.toString().replace("http://", "ws://") + "/realtime");
      return HTTP.newWebSocketBuilder().buildAsync(uri, this).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      texts.add(data.toString());
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
      pongs.add(message);
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable e) {
      closed.completeExceptionally(e);
    }
  }
}
