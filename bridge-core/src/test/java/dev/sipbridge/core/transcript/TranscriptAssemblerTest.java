package dev.sipbridge.core.transcript;

import static dev.sipbridge.core.transcript.Events.agentAdded;
import static dev.sipbridge.core.transcript.Events.agentDelta;
import static dev.sipbridge.core.transcript.Events.agentDone;
import static dev.sipbridge.core.transcript.Events.callerCompleted;
import static dev.sipbridge.core.transcript.Events.callerDelta;
import static dev.sipbridge.core.transcript.Events.callerFailed;
import static dev.sipbridge.core.transcript.Events.deleted;
import static dev.sipbridge.core.transcript.Events.dtmf;
import static dev.sipbridge.core.transcript.Events.userAdded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipbridge.core.realtime.ServerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line rules: which events make which lines, with what text; key presses; finish. */
class TranscriptAssemblerTest {
  private final Harness h = new Harness();

  @Test
  void gaEvents_deltasThenDone_emitOneLinePerUtteranceWithDoneText() {
    h.feed(
        userAdded("u1", null),
        callerDelta("u1", "I want "),
        callerDelta("u1", "a refund"),
        callerCompleted("u1", "I want a refund."),
        agentAdded("a1", "u1"),
        agentDelta("r1", "a1", "Sure"),
        agentDelta("r1", "a1", ", one moment"),
        agentDone("r1", "a1", "Sure, one moment."));

    assertThat(h.emittedText())
        .containsExactly("Caller: I want a refund.", "Agent: Sure, one moment.");
    TranscriptLine first = h.emitted.get(0);
    assertThat(first.callId()).isEqualTo(Harness.CALL);
    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.speaker()).isEqualTo(Speaker.CALLER);
    assertThat(first.kind()).isEqualTo(TranscriptLine.Kind.SPEECH);
    assertThat(first.itemId()).isEqualTo("u1");
    assertThat(first.emittedAt()).isEqualTo(h.clock.instant());
    assertThat(h.emitted.get(1).sequence()).isEqualTo(2);
    assertThat(h.emitted.get(1).speaker()).isEqualTo(Speaker.AGENT);
    assertThat(h.emitted.get(1).itemId()).isEqualTo("a1");
  }

  @Test
  void callerDeltasThenCompleted_completedTextWins() {
    h.feed(
        userAdded("u1", null),
        callerDelta("u1", "my order is one two"),
        callerCompleted("u1", "  My order is 12.  "));

    assertThat(h.emittedText()).containsExactly("Caller: My order is 12.");
  }

  @Test
  void whitespaceOnlyUtterance_emitsNothingAndDoesNotHoldTheNextLine() {
    h.feed(
        userAdded("u1", null),
        callerDelta("u1", "uh"),
        callerCompleted("u1", "   "),
        agentAdded("a1", "u1"),
        agentDone("r1", "a1", "Are you still there?"));

    assertThat(h.emittedText()).containsExactly("Agent: Are you still there?");
    assertThat(h.assembler.nextDeadline()).isEmpty();
  }

  @Test
  void transcriptionFailed_emitsInaudible() {
    h.feed(userAdded("u1", null), callerDelta("u1", "mmf"), callerFailed("u1"));

    assertThat(h.emittedText()).containsExactly("Caller: (inaudible)");
  }

  @Test
  void dtmf_emitsKeypressAtOnceEvenWhileALineIsHeld() {
    h.feed(
        userAdded("u1", null),
        agentAdded("a1", "u1"),
        agentDone("r1", "a1", "Press 1 for sales."),
        dtmf("1"));

    assertThat(h.emittedText()).containsExactly("Caller pressed 1");
    TranscriptLine key = h.emitted.get(0);
    assertThat(key.kind()).isEqualTo(TranscriptLine.Kind.KEYPRESS);
    assertThat(key.speaker()).isEqualTo(Speaker.CALLER);
    assertThat(key.text()).isEqualTo("1");
    assertThat(key.itemId()).isEmpty();
    assertThat(key.sequence()).isEqualTo(1);

    h.feed(callerCompleted("u1", "Menu please."));

    assertThat(h.emittedText())
        .containsExactly("Caller pressed 1", "Caller: Menu please.", "Agent: Press 1 for sales.");
    // in the transcript the key follows the item that was last when it was pressed
    assertThat(h.transcriptText())
        .containsExactly("Caller: Menu please.", "Agent: Press 1 for sales.", "Caller pressed 1");
  }

  @Test
  void dtmfBeforeAnyItem_leadsTheTranscript() {
    h.feed(dtmf("#"), userAdded("u1", null), callerCompleted("u1", "Hi"));

    assertThat(h.transcriptText()).containsExactly("Caller pressed #", "Caller: Hi");
  }

  @Test
  void deletedPendingItem_releasesTheLineBehindItAndNeverEmits() {
    h.feed(
        userAdded("u1", null),
        agentAdded("a1", "u1"),
        agentDone("r1", "a1", "Go on."),
        deleted("u1"));

    assertThat(h.emittedText()).containsExactly("Agent: Go on.");

    h.feed(callerCompleted("u1", "too late"));

    assertThat(h.emittedText()).containsExactly("Agent: Go on.");
    assertThat(h.transcriptText()).containsExactly("Agent: Go on.");
  }

  @Test
  void deletedItemAlreadyEmitted_staysInTranscript() {
    h.feed(userAdded("u1", null), callerCompleted("u1", "Hello"), deleted("u1"));

    assertThat(h.transcriptText()).containsExactly("Caller: Hello");
  }

  @Test
  void unrelatedEvents_areIgnored() {
    h.feed(
        Events.simple("response.output_audio.delta"),
        Events.simple("rate_limits.updated"),
        Events.simple("output_audio_buffer.started"),
        Events.simple("error"),
        callerCompleted("u1", "no item added: appended"),
        Events.functionCallAdded("f1", "u1"));

    assertThat(h.emittedText()).containsExactly("Caller: no item added: appended");
  }

  @Test
  void finish_flushesHeldAndPendingTextInOrder_thenIgnoresEverything() {
    h.feed(
        userAdded("u1", null),
        callerDelta("u1", "I need to"),
        agentAdded("a1", "u1"),
        agentDone("r1", "a1", "Take your time."),
        userAdded("u2", "a1"),
        agentAdded("a2", "u2"),
        agentDelta("r2", "a2", "So"));

    h.assembler.finish();

    assertThat(h.emittedText())
        .containsExactly("Caller: I need to", "Agent: Take your time.", "Agent: So");
    assertThat(h.assembler.nextDeadline()).isEmpty();
    h.feed(callerCompleted("u2", "late"), dtmf("3"));
    h.advance(Duration.ofSeconds(5));
    h.assembler.finish();
    assertThat(h.emitted).hasSize(3);
    assertThat(h.transcriptText())
        .containsExactly("Caller: I need to", "Agent: Take your time.", "Agent: So");
  }

  @Test
  void emitThrows_lineStaysInTranscriptAndIsNotEmittedAgain() {
    List<TranscriptLine> seen = new ArrayList<>();
    TranscriptAssembler failing =
        new TranscriptAssembler(
            Harness.CALL,
            h.clock,
            Harness.WAIT,
            line -> {
              seen.add(line);
              throw new IllegalStateException("sink down");
            });
    failing.onEvent(userAdded("u1", null));

    assertThatThrownBy(() -> failing.onEvent(callerCompleted("u1", "Hi")))
        .isInstanceOf(IllegalStateException.class);
    failing.finish();

    assertThat(seen).extracting(TranscriptLine::render).containsExactly("Caller: Hi");
    assertThat(failing.transcript())
        .extracting(TranscriptLine::render)
        .containsExactly("Caller: Hi");
  }

  @Test
  void negativeOrderWait_isRejected() {
    assertThatThrownBy(
            () -> new TranscriptAssembler(Harness.CALL, h.clock, Duration.ofMillis(-1), l -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orderWait");
  }

  @Test
  void transcript_isACopy() {
    h.feed(userAdded("u1", null), callerCompleted("u1", "Hi"));

    assertThatThrownBy(() -> h.assembler.transcript().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(h.assembler.transcript()).hasSize(1);
  }

  static ServerEvent userTextItem(String id, String previous) {
    ObjectNode e = Events.event("conversation.item.added").put("previous_item_id", previous);
    e.putObject("item")
        .put("id", id)
        .put("type", "message")
        .put("role", "user")
        .putArray("content")
        .addObject()
        .put("type", "input_text")
        .put("text", "Caller pressed 5");
    return Events.parse(e);
  }

  @Test
  void userTextItemAddedByTheBridge_producesNoLineAndDoesNotBlock() {
    h.feed(
        userAdded("u1", null),
        callerCompleted("u1", "Hi"),
        userTextItem("t1", "u1"),
        agentAdded("a1", "t1"),
        agentDone("r1", "a1", "You pressed 5."));

    assertThat(h.emittedText()).containsExactly("Caller: Hi", "Agent: You pressed 5.");
  }
}
