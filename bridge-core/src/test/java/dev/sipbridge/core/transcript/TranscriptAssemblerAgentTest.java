package dev.sipbridge.core.transcript;

import static dev.sipbridge.core.transcript.Events.agent;
import static dev.sipbridge.core.transcript.Events.agentAdded;
import static dev.sipbridge.core.transcript.Events.agentDelta;
import static dev.sipbridge.core.transcript.Events.agentDone;
import static dev.sipbridge.core.transcript.Events.callerCompleted;
import static dev.sipbridge.core.transcript.Events.itemCreated;
import static dev.sipbridge.core.transcript.Events.responseDone;
import static dev.sipbridge.core.transcript.Events.userAdded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Agent lines: audio transcript, text fallback, and responses that end early. */
class TranscriptAssemblerAgentTest {
  private final Harness h = new Harness();

  @Test
  void betaEventNames_emitTheSameLines() {
    h.feed(
        itemCreated("u1", null, "user"),
        callerCompleted("u1", "Hello?"),
        itemCreated("a1", "u1", "assistant"),
        agent("response.audio_transcript.delta", "r1", "a1", "delta", "Hi, "),
        agent("response.audio_transcript.delta", "r1", "a1", "delta", "ACME here"),
        agent("response.audio_transcript.done", "r1", "a1", "transcript", "Hi, ACME here."));

    assertThat(h.emittedText()).containsExactly("Caller: Hello?", "Agent: Hi, ACME here.");
  }

  @Test
  void deltasOnly_doneWithoutText_emitsAccumulatedDeltasOnce() {
    h.feed(
        agentAdded("a1", null),
        agentDelta("r1", "a1", " Thanks for "),
        agentDelta("r1", "a1", "calling. "));
    assertThat(h.emitted).isEmpty(); // deltas alone never emit

    h.feed(agentDone("r1", "a1", null), responseDone("r1", "completed", "a1"));

    assertThat(h.emittedText()).containsExactly("Agent: Thanks for calling.");
  }

  @Test
  void responseWithoutAudioTranscript_fallsBackToOutputText() {
    h.feed(
        agentAdded("a1", null),
        agent("response.output_text.delta", "r1", "a1", "delta", "Hello"),
        agent("response.output_text.done", "r1", "a1", "text", "Hello in text."),
        agentAdded("a2", "a1"),
        agent("response.text.delta", "r2", "a2", "delta", "Beta text"),
        agent("response.text.done", "r2", "a2", "text", null));

    assertThat(h.emittedText()).containsExactly("Agent: Hello in text.", "Agent: Beta text");
  }

  @Test
  void audioTranscriptPresent_textOutputIgnored() {
    h.feed(
        agentAdded("a1", null),
        agent("response.output_text.delta", "r1", "a1", "delta", "text version"),
        agentDelta("r1", "a1", "spoken version"),
        agent("response.output_text.done", "r1", "a1", "text", "text version"));
    assertThat(h.emitted).isEmpty(); // the audio transcript is still coming

    h.feed(agentDone("r1", "a1", "Spoken version."));

    assertThat(h.emittedText()).containsExactly("Agent: Spoken version.");
  }

  @Test
  void responseCancelled_emitsAccumulatedDeltasMarkedInterruptedAndStopsBlocking() {
    h.feed(
        userAdded("u1", null),
        callerCompleted("u1", "Hi"),
        agentAdded("a1", "u1"),
        agentDelta("r1", "a1", "Let me check"),
        userAdded("u2", "a1"),
        callerCompleted("u2", "Wait, stop."));
    assertThat(h.emittedText()).containsExactly("Caller: Hi"); // u2 waits for a1

    h.feed(responseDone("r1", "cancelled", "a1"));

    assertThat(h.emittedText())
        .containsExactly("Caller: Hi", "Agent: Let me check [interrupted]", "Caller: Wait, stop.");
    assertThat(h.emitted.get(1).interrupted()).isTrue();
    assertThat(h.transcriptText()).isEqualTo(h.emittedText());
  }

  @Test
  void responseCancelledBeforeAnyText_emitsNothingForIt() {
    h.feed(
        agentAdded("a1", null),
        Events.outputItemAdded("r1", "a1"),
        userAdded("u2", "a1"),
        callerCompleted("u2", "Hello?"),
        responseDone("r1", "cancelled"));

    assertThat(h.emittedText()).containsExactly("Caller: Hello?");
  }

  @Test
  void itemDoneWithFinalTranscript_completesAgentLine() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode done = Events.event("conversation.item.done").put("previous_item_id", (String) null);
    done.putObject("item")
        .put("id", "a1")
        .put("type", "message")
        .put("role", "assistant")
        .put("status", "completed")
        .putArray("content")
        .add(json.createObjectNode().put("type", "output_audio").put("transcript", "Bye now."));

    h.feed(agentAdded("a1", null), agentDelta("r1", "a1", "Bye"), Events.parse(done));

    assertThat(h.emittedText()).containsExactly("Agent: Bye now.");
  }

  @Test
  void unannouncedItem_isAppendedWhenItCompletes() {
    h.feed(
        userAdded("u1", null),
        callerCompleted("u1", "Hi"),
        agentDelta("r9", "oob", "out of band"),
        agentDone("r9", "oob", "Out of band."));

    assertThat(h.emittedText()).containsExactly("Caller: Hi", "Agent: Out of band.");
    assertThat(h.transcriptText()).containsExactly("Caller: Hi", "Agent: Out of band.");
  }
}
