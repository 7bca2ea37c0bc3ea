package dev.sipbridge.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/events} on the wire: server-sent events with ids, resumed by Last-Event-ID. */
class EventStreamTest {
  private final OperatorServer server = new OperatorServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void liveCall_streamsStartedLinesAndEnd_aReconnectResumesAfterTheLastId() throws Exception {
    List<String> first = new CopyOnWriteArrayList<>();
    HttpResponse<Stream<String>> stream = open(null, first);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");

    FakeRealtimeChannel.Socket socket = server.live("rtc_sse1");
    socket.receive(transcriptCompleted("item_1", "Hello, is this ACME?"));
    await().atMost(Duration.ofSeconds(10)).until(() -> first.contains("event: line"));
    assertThat(first).contains("event: started");
    assertThat(first.stream().filter(l -> l.startsWith("data: ")).toList().get(1))
        .contains("Hello, is this ACME?");
    String lastId =
        first.stream()
            .filter(l -> l.startsWith("id: "))
            .reduce((a, b) -> b)
            .orElseThrow()
            .substring(4);
    stream.body().close();

    socket.receive(transcriptCompleted("item_2", "I have a question."));
    server.lifecycle.operator().hangUp(new CallId("rtc_sse1"));
    socket.drop(true);
    await()
        .until(() -> server.store.find(new CallId("rtc_sse1")).orElseThrow().endedAt().isPresent());

    List<String> again = new CopyOnWriteArrayList<>();
    open(lastId, again);
    await().atMost(Duration.ofSeconds(10)).until(() -> again.contains("event: ended"));
    List<String> events = again.stream().filter(l -> l.startsWith("event: ")).toList();
    assertThat(events).containsExactly("event: line", "event: action", "event: ended");
    assertThat(String.join("\n", again))
        .contains("I have a question.")
        .doesNotContain("Hello, is this ACME?");
  }

  private HttpResponse<Stream<String>> open(String lastEventId, List<String> into)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.url("/api/events"))
            .header("Authorization", "Bearer " + OperatorServer.TOKEN)
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> r =
        server.http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
    Thread reader =
        new Thread(
            () -> {
              try {
                r.body().forEach(into::add);
              } catch (RuntimeException closed) {
                // the test closed the stream
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
    return r;
  }

  private static String transcriptCompleted(String itemId, String text) {
    return "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\""
        + itemId
        + "\",\"content_index\":0,\"transcript\":\""
        + text
        + "\"}";
  }
}
