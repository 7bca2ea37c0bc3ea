package dev.sipbridge.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.contract.RecordingListener;
import dev.sipbridge.core.port.RealtimeChannel.Connection;
import dev.sipbridge.testkit.RawWebSocketServer;
import dev.sipbridge.testkit.SimulatedOpenAi.Recorded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OpenAiRealtimeChannelTest extends RealtimeChannelFixture {
  @Test
  void open_handshakeCarriesCallIdAndBearerOnly() {
    openOnSimulator();

    Recorded request = openAi.requests().get(0);
    assertThat(request.path()).isEqualTo("/v1/realtime?call_id=rtc_x");
    assertThat(request.headers().get("authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(request.headers()).doesNotContainKey("openai-beta");
    assertThat(request.headers().get("upgrade")).isEqualToIgnoringCase("websocket");
  }

  @Test
  void serverEvents_deliveredWholeAndInOrder() {
    String big = "{\"type\":\"session.created\",\"pad\":\"" + "x".repeat(200_000) + "\"}";
    List<String> events =
        IntStream.range(0, 100)
            .mapToObj(i -> "{\"type\":\"e\",\"n\":" + i + "}")
            .collect(Collectors.toList());

    openOnSimulator();
    serverSide.send(big);
    events.forEach(serverSide::send);

    await().until(() -> listener.texts.size() == 101);
    assertThat(listener.texts.get(0)).isEqualTo(big);
    assertThat(listener.texts.subList(1, 101)).isEqualTo(events);
    assertThat(listener.maxConcurrent.get()).isEqualTo(1);
    assertThat(listener.closes).isEmpty();
  }

  @Test
  void binaryAndNonJsonFrames_skippedOrPassedWithoutKillingTheSocket() {
    Connection connection = openOnSimulator();
    serverSide.send("{\"type\":\"a\"}");
    serverSide.sendBinary("binary audio".getBytes(StandardCharsets.UTF_8));
    serverSide.send("not json {");
    serverSide.send("{\"type\":\"b\"}");
    await().until(() -> listener.texts.size() == 3);
    connection.send("{\"type\":\"response.create\"}");

    assertThat(listener.texts)
        .containsExactly("{\"type\":\"a\"}", "not json {", "{\"type\":\"b\"}");
    await().until(() -> serverSide.framesReceived().size() == 1);
    assertThat(serverSide.framesReceived()).containsExactly("{\"type\":\"response.create\"}");
    assertThat(listener.closes).isEmpty();
  }

  @Test
  void sendsLargerThanTheSocketBuffers_arriveWhole() {
    // the fixture sets the small buffers the app uses (OpenAiRealtimeChannel.useSmallSocketBuffers)
    Connection connection = openOnSimulator();
    String output =
        "{\"type\":\"conversation.item.create\",\"output\":\"" + "é€𝄞x".repeat(6_000) + "\"}";

    connection.send(output);
    connection.send("{\"type\":\"response.create\"}");

    await().until(() -> serverSide.framesReceived().size() == 2);
    assertThat(serverSide.framesReceived())
        .containsExactly(output, "{\"type\":\"response.create\"}");
    assertThat(listener.closes).isEmpty();
  }

  @Test
  void concurrentSends_allArriveInOrderPerThread() throws Exception {
    Connection connection = openOnSimulator();
    int threads = 8;
    int perThread = 250;
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Void>> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      senders.add(
          CompletableFuture.runAsync(
              () -> {
                awaitQuietly(go);
                for (int n = 0; n < perThread; n++) {
                  connection.send("{\"type\":\"x\",\"t\":" + thread + ",\"n\":" + n + "}");
                }
              },
              runnable -> new Thread(runnable).start()));
    }
    go.countDown();
    CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    await().until(() -> serverSide.framesReceived().size() == threads * perThread);
    for (int t = 0; t < threads; t++) {
      String prefix = "{\"type\":\"x\",\"t\":" + t + ",";
      List<String> mine =
          serverSide.framesReceived().stream()
              .filter(s -> s.startsWith(prefix))
              .collect(Collectors.toList());
      List<String> expected =
          IntStream.range(0, perThread)
              .mapToObj(n -> prefix + "\"n\":" + n + "}")
              .collect(Collectors.toList());
      assertThat(mine).isEqualTo(expected);
    }
  }

  @Test
  void serverNormalClose_reportedNormal() {
    openOnSimulator();
    serverSide.close(1000, "call ended");

    await().until(() -> !listener.closes.isEmpty());
    assertThat(listener.closes)
        .containsExactly(new RecordingListener.Closed(1000, "call ended", true));
  }

  @Test
  void serverOtherCloseCode_reportedAbnormal() {
    openOnSimulator();
    serverSide.close(1011, "server error");

    await().until(() -> !listener.closes.isEmpty());
    assertThat(listener.closes)
        .containsExactly(new RecordingListener.Closed(1011, "server error", false));
  }

  @Test
  void serverDropsWithoutCloseFrame_reportedAbnormalOnce() throws IOException {
    try (RawWebSocketServer raw =
        new RawWebSocketServer(
            RawWebSocketServer.Mode.DROP_AFTER_CLIENT_FRAME, "{\"type\":\"a\"}")) {
      channel = channel(raw.baseUrl(), Duration.ofSeconds(30));
      Connection connection = open();
      await().until(() -> listener.texts.size() == 1);

      connection.send("{\"type\":\"response.create\"}");

      await().until(() -> !listener.closes.isEmpty());
      connection.close();
      connection.send("{\"type\":\"late\"}");
      assertThat(listener.closes).hasSize(1);
      RecordingListener.Closed closed = listener.closes.get(0);
      assertThat(closed.code()).isEqualTo(1006);
      assertThat(closed.normal()).isFalse();
    }
  }

  @Test
  void close_sendsNormalCloseAfterQueuedFrames() {
    Connection connection = openOnSimulator();

    for (int n = 0; n < 50; n++) {
      connection.send("{\"n\":" + n + "}");
    }
    connection.close();
    connection.send("{\"after\":\"close\"}");

    await().until(() -> !listener.closes.isEmpty());
    assertThat(serverSide.awaitEnd(Duration.ofSeconds(5))).isEqualTo(1000);
    assertThat(serverSide.framesReceived()).hasSize(50).last().isEqualTo("{\"n\":49}");
    assertThat(listener.closes).containsExactly(new RecordingListener.Closed(1000, "", true));
  }

  @Test
  void close_serverNeverAnswers_abortsAndReportsNormalOnce() throws IOException {
    try (RawWebSocketServer raw = new RawWebSocketServer(RawWebSocketServer.Mode.SILENT, "")) {
      channel = channel(raw.baseUrl(), Duration.ofSeconds(30));
      Connection connection = open();

      connection.close();

      await().until(() -> !listener.closes.isEmpty());
      await().until(() -> !raw.closeCodes().isEmpty());
      assertThat(raw.closeCodes()).containsExactly(1000);
      assertThat(listener.closes).hasSize(1);
      assertThat(listener.closes.get(0).normal()).isTrue();
    }
  }
}
