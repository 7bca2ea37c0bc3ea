package dev.sipbridge.core.transcript;

import static dev.sipbridge.core.transcript.Events.agentAdded;
import static dev.sipbridge.core.transcript.Events.agentDelta;
import static dev.sipbridge.core.transcript.Events.agentDone;
import static dev.sipbridge.core.transcript.Events.agentItemDone;
import static dev.sipbridge.core.transcript.Events.callerCompleted;
import static dev.sipbridge.core.transcript.Events.callerDelta;
import static dev.sipbridge.core.transcript.Events.callerFailed;
import static dev.sipbridge.core.transcript.Events.committed;
import static dev.sipbridge.core.transcript.Events.dtmf;
import static dev.sipbridge.core.transcript.Events.functionCallAdded;
import static dev.sipbridge.core.transcript.Events.functionOutputAdded;
import static dev.sipbridge.core.transcript.Events.outputItemAdded;
import static dev.sipbridge.core.transcript.Events.responseDone;
import static dev.sipbridge.core.transcript.Events.session;
import static dev.sipbridge.core.transcript.Events.simple;
import static dev.sipbridge.core.transcript.Events.userAdded;
import static dev.sipbridge.core.transcript.Events.withItem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A whole call as the sideband delivers it (reference §4.1 sequence, several turns). */
class TranscriptAssemblerStreamTest {
  private final Harness h = new Harness();

  @Test
  void multiTurnCall_linesFollowConversationOrderLiveAndInTranscript() {
    h.feed(session(true));
    greeting();
    turnWithTranscriptDuringTheAnswer();
    assertThat(h.emittedText())
        .containsExactly(
            "Agent: Thanks for calling ACME, how can I help?",
            "Caller: I'd like to check my order.",
            "Agent: Sure, what's the order number?");

    turnWithToolCallAndLateTranscript();
    assertThat(h.emittedText())
        .endsWith("Caller: It's 4 4 7.", "Agent: Order 447 shipped yesterday.");

    h.feed(dtmf("5"));
    turnWithFailedTranscriptAndTranscriptAfterDeadline();
    h.assembler.finish();

    assertThat(h.emittedText())
        .containsExactly(
            "Agent: Thanks for calling ACME, how can I help?",
            "Caller: I'd like to check my order.",
            "Agent: Sure, what's the order number?",
            "Caller: It's 4 4 7.",
            "Agent: Order 447 shipped yesterday.",
            "Caller pressed 5",
            "Caller: (inaudible)",
            "Agent: Sorry, could you repeat that?",
            "Agent: Goodbye!",
            "Caller: No, that's all, thanks.");
    assertThat(h.emitted)
        .extracting(TranscriptLine::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(h.transcriptText())
        .containsExactly(
            "Agent: Thanks for calling ACME, how can I help?",
            "Caller: I'd like to check my order.",
            "Agent: Sure, what's the order number?",
            "Caller: It's 4 4 7.",
            "Agent: Order 447 shipped yesterday.",
            "Caller pressed 5",
            "Caller: (inaudible)",
            "Agent: Sorry, could you repeat that?",
            "Caller: No, that's all, thanks.",
            "Agent: Goodbye!");
  }

  private void greeting() {
    h.feed(
        simple("response.created"),
        agentAdded("a0", null),
        outputItemAdded("r0", "a0"),
        simple("response.content_part.added"),
        simple("output_audio_buffer.started"),
        agentDelta("r0", "a0", "Thanks for calling ACME, "),
        agentDelta("r0", "a0", "how can I help?"),
        agentDone("r0", "a0", "Thanks for calling ACME, how can I help?"),
        simple("response.content_part.done"),
        simple("response.output_item.done"),
        agentItemDone("a0", null, "Thanks for calling ACME, how can I help?"),
        responseDone("r0", "completed", "a0"),
        simple("output_audio_buffer.stopped"));
  }

  private void turnWithTranscriptDuringTheAnswer() {
    h.feed(
        withItem("input_audio_buffer.speech_started", "u1"),
        withItem("input_audio_buffer.speech_stopped", "u1"),
        committed("u1", "a0"),
        userAdded("u1", "a0"),
        simple("response.created"),
        agentAdded("a1", "u1"),
        outputItemAdded("r1", "a1"),
        agentDelta("r1", "a1", "Sure, "),
        callerDelta("u1", "I'd like to "),
        agentDelta("r1", "a1", "what's the order number?"),
        callerCompleted("u1", "I'd like to check my order."),
        agentDone("r1", "a1", "Sure, what's the order number?"),
        agentItemDone("a1", "u1", "Sure, what's the order number?"),
        responseDone("r1", "completed", "a1"));
  }

  private void turnWithToolCallAndLateTranscript() {
    h.feed(
        withItem("input_audio_buffer.speech_started", "u2"),
        committed("u2", "a1"),
        userAdded("u2", "a1"),
        simple("response.created"),
        functionCallAdded("f2", "u2"),
        simple("response.function_call_arguments.done"),
        responseDone("r2", "completed"),
        functionOutputAdded("fo2", "f2"),
        simple("response.created"),
        agentAdded("a2", "fo2"),
        agentDelta("r3", "a2", "Order 447 "),
        agentDone("r3", "a2", "Order 447 shipped yesterday."),
        responseDone("r3", "completed", "a2"));
    assertThat(h.emittedText()).doesNotContain("Agent: Order 447 shipped yesterday.");
    h.advance(Duration.ofMillis(800));
    h.feed(callerCompleted("u2", "It's 4 4 7."));
  }

  private void turnWithFailedTranscriptAndTranscriptAfterDeadline() {
    h.feed(
        committed("u3", "a2"),
        userAdded("u3", "a2"),
        agentAdded("a3", "u3"),
        agentDone("r4", "a3", "Sorry, could you repeat that?"),
        callerFailed("u3"),
        committed("u4", "a3"),
        userAdded("u4", "a3"),
        agentAdded("a4", "u4"),
        agentDelta("r5", "a4", "Goodbye!"),
        responseDone("r5", "completed", "a4"));
    h.advance(Harness.WAIT);
    h.feed(callerCompleted("u4", "No, that's all, thanks."));
  }
}
