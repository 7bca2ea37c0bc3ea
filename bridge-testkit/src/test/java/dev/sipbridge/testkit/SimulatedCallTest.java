package dev.sipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedCallTest {
  private SimulatedOpenAi sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void droppedSocket_bridgeReattaches_scriptResumes() {
    sim =
        SimulatedOpenAi.start(
            ConversationScript.builder()
                .toolCall("lookup_order", "{}")
                .agent("Back again.")
                .stayOpen()
                .build());
    TestSocket first = TestSocket.connect(sim.baseUrl(), "rtc_drop");
    String toolCallId =
        first.awaitEvent("response.function_call_arguments.done").path("call_id").asText();
    SimulatedCall call = sim.call("rtc_drop");

    call.drop();

    // no close frame: the client reports an abnormal closure
    assertThat(first.closed).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(1006);
    await().until(() -> !call.isOpen());
    assertThat(call.closed()).isNotDone();
    TestSocket second = TestSocket.connect(sim.baseUrl(), "rtc_drop");
    second.send(
        "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\","
            + "\"call_id\":\""
            + toolCallId
            + "\",\"output\":\"ok\"}}");
    second.send("{\"type\":\"response.create\"}");
    JsonNode said = second.awaitEvent("response.output_audio_transcript.done");
    assertThat(said.path("transcript").asText()).isEqualTo("Back again.");
    assertThat(call.connections()).isEqualTo(2);
    assertThat(call.framesReceived("response.create")).hasSize(1);
  }

  @Test
  void injectedEventAndBridgeClose_areSeenByBothSides() {
    sim = SimulatedOpenAi.start(ConversationScript.builder().stayOpen().build());
    TestSocket socket = TestSocket.connect(sim.baseUrl(), "rtc_inject");
    SimulatedCall call = sim.call("rtc_inject");
    await().until(call::isOpen);

    call.send("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\"}}");
    socket.awaitEvent("error");
    socket.send("{\"type\":\"response.cancel\"}");
    await().until(() -> call.framesReceived().size() == 1);
    call.closeNormally();

    assertThat(socket.closed.join()).isEqualTo(1000);
    assertThat(call.awaitEnd(Duration.ofSeconds(5))).isEqualTo(1000);
    assertThat(call.framesReceived()).containsExactly("{\"type\":\"response.cancel\"}");
  }
}
