package dev.sipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptPlayerTest {
  private SimulatedOpenAi sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void callerAndAgentTurn_gaEventsInOrderWithChainedItems() {
    sim =
        SimulatedOpenAi.start(
            ConversationScript.builder()
                .caller("Hi there")
                .agent("Hello, how can I help?", 3)
                .stayOpen()
                .build());
    TestSocket socket = TestSocket.connect(sim.baseUrl(), "rtc_1");

    socket.awaitEvent("output_audio_buffer.stopped");
    assertThat(socket.types())
        .containsExactly(
            "input_audio_buffer.speech_started",
            "input_audio_buffer.speech_stopped",
            "input_audio_buffer.committed",
            "conversation.item.added",
            "conversation.item.done",
            "conversation.item.input_audio_transcription.delta",
            "conversation.item.input_audio_transcription.delta",
            "conversation.item.input_audio_transcription.completed",
            "response.created",
            "conversation.item.added",
            "response.output_item.added",
            "response.content_part.added",
            "output_audio_buffer.started",
            "response.output_audio_transcript.delta",
            "response.output_audio_transcript.delta",
            "response.output_audio_transcript.delta",
            "response.output_audio.done",
            "response.output_audio_transcript.done",
            "response.content_part.done",
            "response.output_item.done",
            "conversation.item.done",
            "response.done",
            "output_audio_buffer.stopped");
    List<JsonNode> added = socket.events("conversation.item.added");
    String userItem = added.get(0).path("item").path("id").asText();
    assertThat(added.get(0).path("previous_item_id").isNull()).isTrue();
    assertThat(added.get(0).path("item").path("role").asText()).isEqualTo("user");
    assertThat(added.get(1).path("item").path("role").asText()).isEqualTo("assistant");
    assertThat(added.get(1).path("previous_item_id").asText()).isEqualTo(userItem);
    assertThat(socket.events("conversation.item.input_audio_transcription.delta"))
        .extracting(e -> e.path("delta").asText())
        .containsExactly("Hi", " there");
    JsonNode done = socket.events("response.output_audio_transcript.done").get(0);
    assertThat(done.path("transcript").asText()).isEqualTo("Hello, how can I help?");
    JsonNode usage = socket.events("response.done").get(0).path("response").path("usage");
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("input_tokens").asInt() + usage.path("output_tokens").asInt());
    assertThat(usage.path("output_token_details").path("audio_tokens").asInt()).isPositive();
    assertThat(usage.path("input_token_details").path("text_tokens").asInt()).isPositive();
  }

  @Test
  void lateCallerTranscription_arrivesAfterAgentResponse() {
    sim =
        SimulatedOpenAi.start(
            ConversationScript.builder()
                .callerLate("Order forty-two")
                .agent("Let me look.")
                .stayOpen()
                .build());
    TestSocket socket = TestSocket.connect(sim.baseUrl(), "rtc_late");

    socket.awaitEvent("conversation.item.input_audio_transcription.completed");
    List<String> types = socket.types();
    assertThat(types.indexOf("conversation.item.input_audio_transcription.completed"))
        .isGreaterThan(types.indexOf("response.done"));
    assertThat(types.indexOf("conversation.item.input_audio_transcription.delta"))
        .isGreaterThan(types.indexOf("response.done"));
  }

  @Test
  void greeting_playsOnlyAfterBridgeResponseCreate() {
    sim =
        SimulatedOpenAi.start(
            ConversationScript.builder().greeting("Thanks for calling ACME.").stayOpen().build());
    TestSocket socket = TestSocket.connect(sim.baseUrl(), "rtc_greet");

    socket.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}");
    socket.awaitEvent("session.updated");
    assertThat(socket.types()).doesNotContain("response.created");

    socket.send("{\"type\":\"response.create\",\"response\":{\"instructions\":\"Greet\"}}");
    JsonNode done = socket.awaitEvent("response.output_audio_transcript.done");
    assertThat(done.path("transcript").asText()).isEqualTo("Thanks for calling ACME.");
    assertThat(socket.events("conversation.item.added").get(0).path("previous_item_id").isNull())
        .isTrue();
  }

  @Test
  void toolCall_continuesOnlyAfterOutputAndResponseCreate() {
    sim =
        SimulatedOpenAi.start(
            ConversationScript.builder()
                .caller("Where is order 42?")
                .toolCall("lookup_order", "{\"order_id\":\"42\"}")
                .agent("It shipped yesterday.")
                .stayOpen()
                .build());
    TestSocket socket = TestSocket.connect(sim.baseUrl(), "rtc_tool");

    JsonNode args = socket.awaitEvent("response.function_call_arguments.done");
    assertThat(args.path("name").asText()).isEqualTo("lookup_order");
    assertThat(args.path("arguments").asText()).isEqualTo("{\"order_id\":\"42\"}");
    String toolCallId = args.path("call_id").asText();
    JsonNode responseDone = socket.awaitEvent("response.done");
    JsonNode output = responseDone.path("response").path("output").get(0);
    assertThat(output.path("type").asText()).isEqualTo("function_call");
    assertThat(output.path("call_id").asText()).isEqualTo(toolCallId);
    List<String> argDeltas =
        socket.events("response.function_call_arguments.delta").stream()
            .map(e -> e.path("delta").asText())
            .toList();
    assertThat(argDeltas).hasSize(3);
    assertThat(String.join("", argDeltas)).isEqualTo("{\"order_id\":\"42\"}");

    socket.send(
        "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\","
            + "\"call_id\":\""
            + toolCallId
            + "\",\"output\":\"{\\\"status\\\":\\\"shipped\\\"}\"}}");
    JsonNode echo = socket.awaitEvent("conversation.item.done", 3);
    assertThat(echo.path("item").path("type").asText()).isEqualTo("function_call_output");
    assertThat(echo.path("previous_item_id").asText()).isEqualTo(output.path("id").asText());
    assertThat(socket.events("response.created")).hasSize(1);

    socket.send("{\"type\":\"response.create\"}");
    JsonNode said = socket.awaitEvent("response.output_audio_transcript.done");
    assertThat(said.path("transcript").asText()).isEqualTo("It shipped yesterday.");
    assertThat(socket.events("conversation.item.added").get(3).path("previous_item_id").asText())
        .isEqualTo(echo.path("item").path("id").asText());
    SimulatedCall call = sim.call("rtc_tool");
    assertThat(call.toolCallIds()).containsExactly(toolCallId);
    assertThat(call.toolOutputs()).containsEntry(toolCallId, "{\"status\":\"shipped\"}");
    assertThat(call.failure()).isEmpty();
  }

  @Test
  void toolCallNeverAnswered_callFailsByBridgeAndCloses() {
    sim =
        SimulatedOpenAi.start(
            ConversationScript.builder()
                .bridgeTimeout(Duration.ofMillis(200))
                .toolCall("lookup_order", "{}")
                .agent("never said")
                .build());
    TestSocket socket = TestSocket.connect(sim.baseUrl(), "rtc_mute");

    assertThat(socket.closed.join()).isEqualTo(1000);
    SimulatedCall call = sim.call("rtc_mute");
    assertThat(call.awaitEnd(Duration.ofSeconds(5))).isEqualTo(1000);
    assertThat(call.failure()).hasValueSatisfying(r -> assertThat(r).contains("function_call"));
    assertThat(call.scriptFinished()).isFalse();
  }

  @Test
  void callerHangsUp_socketClosesNormallyAfterScript() {
    sim =
        SimulatedOpenAi.start(
            ConversationScript.builder().caller("Bye").dtmf("5").callerHangsUp().build());
    TestSocket socket = TestSocket.connect(sim.baseUrl(), "rtc_bye");

    assertThat(socket.closed.join()).isEqualTo(1000);
    JsonNode dtmf = socket.events("input_audio_buffer.dtmf_event_received").get(0);
    assertThat(dtmf.path("event").asText()).isEqualTo("5");
    assertThat(dtmf.path("received_at").isNumber()).isTrue();
    assertThat(dtmf.has("event_id")).isFalse();
    SimulatedCall call = sim.call("rtc_bye");
    assertThat(call.awaitEnd(Duration.ofSeconds(5))).isEqualTo(1000);
    assertThat(call.scriptFinished()).isTrue();
  }
}
