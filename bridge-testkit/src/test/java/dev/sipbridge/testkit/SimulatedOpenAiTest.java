package dev.sipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedOpenAiTest {
  private static final int CALLS = 30;
  private SimulatedOpenAi sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void hangupRequest_closesSocketNormallyAndIsRecorded() {
    sim = SimulatedOpenAi.start(ConversationScript.builder().awaitBridgeHangup().build());
    TestSocket socket = TestSocket.connect(sim.baseUrl(), "rtc_hang");
    SimulatedCall call = sim.call("rtc_hang");
    await().until(call::isOpen);

    assertThat(post("/realtime/calls/rtc_hang/hangup", "", true).statusCode()).isEqualTo(200);

    assertThat(socket.closed.join()).isEqualTo(1000);
    assertThat(call.awaitEnd(Duration.ofSeconds(5))).isEqualTo(1000);
    assertThat(call.hangupRequested()).isTrue();
    assertThat(call.scriptFinished()).isTrue();
    SimulatedOpenAi.Recorded hangup = sim.requests().get(sim.requests().size() - 1);
    assertThat(hangup.method()).isEqualTo("POST");
    assertThat(hangup.path()).isEqualTo("/v1/realtime/calls/rtc_hang/hangup");
    assertThat(hangup.headers()).containsEntry("authorization", "Bearer sk-test");
    assertThat(sim.requests().get(0).path()).isEqualTo("/v1/realtime?call_id=rtc_hang");
    // the call is over: neither a new socket nor a second hangup finds it
    assertThatThrownBy(() -> TestSocket.connect(sim.baseUrl(), "rtc_hang"))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
    assertThat(post("/realtime/calls/rtc_hang/hangup", "", true).statusCode()).isEqualTo(404);
  }

  @Test
  void socketFailure_answersTheHandshakeWithTheStatusOnceThenUpgrades() {
    sim = SimulatedOpenAi.start(ConversationScript.builder().stayOpen().build());
    sim.failNext("socket", 503, 1);

    assertThatThrownBy(() -> TestSocket.connect(sim.baseUrl(), "rtc_s"))
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                    .isEqualTo(503));
    TestSocket socket = TestSocket.connect(sim.baseUrl(), "rtc_s");
    SimulatedCall call = sim.call("rtc_s");
    await().until(call::isOpen);

    call.close(1011, "server error");

    assertThat(socket.closed.join()).isEqualTo(1011);
    assertThat(call.awaitEnd(Duration.ofSeconds(5))).isEqualTo(1011);
  }

  @Test
  void acceptFailures_answerOpenAiErrorThenSucceed() {
    sim = SimulatedOpenAi.start(ConversationScript.builder().build());
    sim.failAccept(503, 2);
    String body = "{\"type\":\"realtime\",\"model\":\"gpt-realtime-2.1\"}";

    HttpResponse<String> first = post("/realtime/calls/rtc_a/accept", body, true);
    HttpResponse<String> second = post("/realtime/calls/rtc_a/accept", body, true);
    HttpResponse<String> third = post("/realtime/calls/rtc_a/accept", body, true);

    assertThat(first.statusCode()).isEqualTo(503);
    JsonNode error = SimJson.parseObject(first.body()).orElseThrow().path("error");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.path("type").asText()).isEqualTo("server_error");
    assertThat(error.has("code")).isTrue();
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(third.body()).isEmpty();
    assertThat(sim.call("rtc_a").accepted()).isTrue();
    assertThat(sim.requests())
        .extracting(SimulatedOpenAi.Recorded::body)
        .containsExactly(body, body, body);
  }

  @Test
  void acceptWithoutBearerOrType_isRejected() {
    sim = SimulatedOpenAi.start(ConversationScript.builder().build());

    assertThat(post("/realtime/calls/rtc_b/accept", "{\"type\":\"realtime\"}", false).statusCode())
        .isEqualTo(401);
    assertThat(post("/realtime/calls/rtc_b/accept", "{}", true).statusCode()).isEqualTo(400);
  }

  @Test
  void unannouncedCall_gets404OnRestAndSocket() {
    sim = SimulatedOpenAi.start(ConversationScript.builder().build());
    sim.announcedCallsOnly();
    sim.announce("rtc_known");

    assertThat(
            post("/realtime/calls/rtc_other/accept", "{\"type\":\"realtime\"}", true).statusCode())
        .isEqualTo(404);
    assertThat(
            post("/realtime/calls/rtc_known/accept", "{\"type\":\"realtime\"}", true).statusCode())
        .isEqualTo(200);
    assertThatThrownBy(() -> TestSocket.connect(sim.baseUrl(), "rtc_other"))
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .cause()
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                    .isEqualTo(404));
  }

  @Test
  void socketWithoutBearer_handshakeRejected() {
    sim = SimulatedOpenAi.start(ConversationScript.builder().build());

    assertThatThrownBy(() -> TestSocket.connect(sim.baseUrl(), "rtc_c", null))
        .hasCauseInstanceOf(WebSocketHandshakeException.class)
        .cause()
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                    .isEqualTo(401));
    assertThat(sim.call("rtc_c").connections()).isZero();
  }

  @Test
  void manyConcurrentCalls_eachPlaysItsOwnScriptToTheEnd() {
    Map<String, ConversationScript> scripts = new ConcurrentHashMap<>();
    sim =
        SimulatedOpenAi.start(
            id ->
                scripts.computeIfAbsent(
                    id,
                    k ->
                        ConversationScript.realistic(new Random(k.hashCode()), 3)
                            .withEventDelay(Duration.ZERO)));
    List<TestSocket> sockets = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      sockets.add(TestSocket.connectAnswering(sim.baseUrl(), "rtc_load" + i));
    }

    for (int i = 0; i < CALLS; i++) {
      TestSocket socket = sockets.get(i);
      assertThat(socket.closed).succeedsWithin(Duration.ofSeconds(60)).isEqualTo(1000);
      assertThat(sim.call("rtc_load" + i).failure()).isEmpty();
      List<String> agentLines =
          socket.events("response.output_audio_transcript.done").stream()
              .map(e -> "Agent: " + e.path("transcript").asText())
              .toList();
      assertThat(agentLines)
          .isEqualTo(
              scripts.get("rtc_load" + i).expectedLines().stream()
                  .filter(l -> l.startsWith("Agent: "))
                  .toList());
    }
    assertThat(sim.calls())
        .hasSize(CALLS)
        .allSatisfy(
            c -> {
              assertThat(c.scriptFinished()).isTrue();
              assertThat(c.failure()).isEmpty();
              assertThat(c.toolOutputs()).hasSameSizeAs(c.toolCallIds());
            });
  }

  private HttpResponse<String> post(String path, String body, boolean auth) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth) {
      request.header("Authorization", "Bearer sk-test");
    }
    if (!body.isEmpty()) {
      request.header("Content-Type", "application/json");
    }
    try {
      return TestSocket.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
