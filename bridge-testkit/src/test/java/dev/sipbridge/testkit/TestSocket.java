package dev.sipbridge.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** A JDK WebSocket client standing in for the bridge's side of a call's socket. */
final class TestSocket implements WebSocket.Listener {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private final List<String> frames = new CopyOnWriteArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final boolean answerTools;
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  final List<ByteBuffer> pongs = new CopyOnWriteArrayList<>();
  private WebSocket socket;

  private TestSocket(boolean answerTools) {
    this.answerTools = answerTools;
  }

  /** Like {@link #connect(URI, String)}, answering every function call with output "ok". */
  static TestSocket connectAnswering(URI baseUrl, String callId) {
    return open(baseUrl, callId, "Bearer sk-test", true);
  }

  /** Opens {@code ws://.../v1/realtime?call_id=...} with a bearer key; joins the handshake. */
  static TestSocket connect(URI baseUrl, String callId) {
    return open(baseUrl, callId, "Bearer sk-test", false);
  }

  static TestSocket connect(URI baseUrl, String callId, String authorization) {
    return open(baseUrl, callId, authorization, false);
  }

  private static TestSocket open(
      URI baseUrl, String callId, String authorization, boolean answerTools) {
    TestSocket listener = new TestSocket(answerTools);
    WebSocket.Builder builder = HTTP.newWebSocketBuilder();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    URI uri =
        URI.create(baseUrl.toString().replace("http://", "ws://") + "/realtime?call_id=" + callId);
    listener.socket = builder.buildAsync(uri, listener).join();
    return listener;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String frame = partial.toString();
      frames.add(frame);
      partial.setLength(0);
      JsonNode event = SimJson.parseObject(frame).orElseThrow();
      if (answerTools
          && event.path("type").asText().equals("response.function_call_arguments.done")) {
        String output =
            "{\"type\":\"conversation.item.create\",\"item\":{\"type\":"
                + "\"function_call_output\",\"call_id\":\""
                + event.path("call_id").asText()
                + "\",\"output\":\"ok\"}}";
        webSocket
            .sendText(output, true)
            .thenCompose(ws -> ws.sendText("{\"type\":\"response.create\"}", true));
      }
    }
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
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  void send(String json) {
    socket.sendText(json, true).join();
  }

  void abort() {
    socket.abort();
  }

  /** The JDK socket itself, for pings and close frames. */
  WebSocket socket() {
    return socket;
  }

  /** Every text frame received, as sent. */
  List<String> texts() {
    return List.copyOf(frames);
  }

  List<JsonNode> events() {
    return frames.stream().map(f -> SimJson.parseObject(f).orElseThrow()).toList();
  }

  List<String> types() {
    return events().stream().map(e -> e.path("type").asText()).toList();
  }

  List<JsonNode> events(String type) {
    return events().stream().filter(e -> e.path("type").asText().equals(type)).toList();
  }

  /** Waits (at most 5 s) until {@code count} events of {@code type} arrived; returns the last. */
  JsonNode awaitEvent(String type, int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> events(type).size() >= count);
    return events(type).get(count - 1);
  }

  JsonNode awaitEvent(String type) {
    return awaitEvent(type, 1);
  }
}
