package dev.sipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConversationScriptTest {

  @Test
  void demo_expectedLinesInConversationOrder() {
    ConversationScript demo = ConversationScript.demo();

    assertThat(demo.expectedLines())
        .containsExactly(
            "Agent: Thanks for calling ACME Outfitters, this is Ava. How can I help you today?",
            "Caller: Hi, I'd like to check on an order I placed last week.",
            "Agent: Happy to help! What's the order number?",
            "Caller: It's order 42, the hiking boots.",
            "Agent: Order 42 shipped yesterday and arrives on Thursday. "
                + "Press 1 to get the tracking link by text.",
            "Caller pressed 1",
            "Agent: Done, the link is on its way to your phone. Have a great day!");
    assertThat(demo.greeting()).hasValueSatisfying(g -> assertThat(g).startsWith("Thanks"));
    assertThat(demo.toolCallCount()).isEqualTo(1);
    assertThat(demo.awaitGreeting()).isTrue();
  }

  @Test
  void demo_playedBySimulator_emitsExactlyTheExpectedUtterances() {
    try (SimulatedOpenAi sim = SimulatedOpenAi.start(ConversationScript.demo())) {
      TestSocket socket = TestSocket.connect(sim.baseUrl(), "rtc_demo");
      socket.send("{\"type\":\"response.create\",\"response\":{\"instructions\":\"Greet\"}}");
      String toolCallId =
          socket.awaitEvent("response.function_call_arguments.done").path("call_id").asText();
      socket.send(
          "{\"type\":\"conversation.item.create\",\"item\":{\"type\":"
              + "\"function_call_output\",\"call_id\":\""
              + toolCallId
              + "\",\"output\":\"shipped\"}}");
      socket.send("{\"type\":\"response.create\"}");

      assertThat(socket.closed.join()).isEqualTo(1000);
      List<String> uttered = new ArrayList<>();
      for (JsonNode e : socket.events()) {
        String type = e.path("type").asText();
        if (type.equals("response.output_audio_transcript.done")) {
          uttered.add("Agent: " + e.path("transcript").asText());
        } else if (type.equals("conversation.item.input_audio_transcription.completed")) {
          uttered.add("Caller: " + e.path("transcript").asText());
        } else if (type.equals("input_audio_buffer.dtmf_event_received")) {
          uttered.add("Caller pressed " + e.path("event").asText());
        }
      }
      // arrival order differs (a late transcription); the content is the same
      assertThat(uttered)
          .containsExactlyInAnyOrderElementsOf(ConversationScript.demo().expectedLines());
      assertThat(uttered).isNotEqualTo(ConversationScript.demo().expectedLines());
      assertThat(sim.call("rtc_demo").scriptFinished()).isTrue();
    }
  }

  @Test
  void inaudibleAndBlankTurns_expectedLines() {
    ConversationScript script =
        ConversationScript.builder()
            .callerInaudible()
            .agent("  ")
            .caller("Hello?")
            .dtmf("#")
            .build();

    assertThat(script.expectedLines())
        .containsExactly("Caller: (inaudible)", "Caller: Hello?", "Caller pressed #");
  }

  @Test
  void builder_withoutEnding_callerHangsUp() {
    ConversationScript script = ConversationScript.builder().agent("Hi").build();

    assertThat(script.steps())
        .last()
        .isEqualTo(new ScriptStep.End(ScriptStep.Ending.CALLER_HANGS_UP));
    assertThat(script.eventDelay()).isEqualTo(Duration.ofMillis(1));
    assertThat(script.withEventDelay(Duration.ZERO).eventDelay()).isZero();
  }

  @Test
  void builder_rejectsMisplacedOrInvalidSteps() {
    assertThatThrownBy(() -> ConversationScript.builder().caller("Hi").greeting("Hello"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ConversationScript.builder().callerHangsUp().agent("late"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ConversationScript.builder().dtmf("55"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConversationScript.builder().agent("Hi", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConversationScript.builder().eventDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void realistic_isDeterministicPerSeedAndBusy() {
    ConversationScript a = ConversationScript.realistic(new Random(7), 20);
    ConversationScript b = ConversationScript.realistic(new Random(7), 20);

    assertThat(a.expectedLines()).isEqualTo(b.expectedLines()).hasSize(41);
    assertThat(a.expectedLines().get(0)).startsWith("Agent: ");
    assertThat(a.toolCallCount()).isPositive();
    assertThat(a.awaitGreeting()).isFalse();
    assertThat(a.steps())
        .anySatisfy(
            s ->
                assertThat(s)
                    .isInstanceOf(ScriptStep.ToolCall.class)
                    .extracting(t -> ((ScriptStep.ToolCall) t).name())
                    .isEqualTo("lookup_order"));
    assertThat(a.steps())
        .filteredOn(s -> s instanceof ScriptStep.AgentTurn)
        .allSatisfy(s -> assertThat(((ScriptStep.AgentTurn) s).deltas()).isNotEqualTo(1));
  }

  @Test
  void deltas_joinBackToTheTextWithoutSplittingSurrogates() {
    String text = "Thanks \uD83D\uDE00 for calling, order 42!";
    for (int n = 0; n <= 40; n++) {
      List<String> pieces = Deltas.split(text, n);
      assertThat(String.join("", pieces)).isEqualTo(text);
      assertThat(pieces)
          .allSatisfy(
              p -> {
                assertThat(p).isNotEmpty();
                assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
              });
    }
    assertThat(Deltas.split("Hi there you", 0)).containsExactly("Hi", " there", " you");
    assertThat(Deltas.split("   ", 3)).isEmpty();
  }
}
