package dev.sipbridge.core.transcript;

import static dev.sipbridge.core.transcript.Events.agentAdded;
import static dev.sipbridge.core.transcript.Events.agentDelta;
import static dev.sipbridge.core.transcript.Events.agentDone;
import static dev.sipbridge.core.transcript.Events.callerCompleted;
import static dev.sipbridge.core.transcript.Events.callerDelta;
import static dev.sipbridge.core.transcript.Events.committed;
import static dev.sipbridge.core.transcript.Events.functionCallAdded;
import static dev.sipbridge.core.transcript.Events.session;
import static dev.sipbridge.core.transcript.Events.userAdded;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Conversation order, the watermark and the bounded wait. */
class TranscriptAssemblerOrderTest {
  private final Harness h = new Harness();

  @Test
  void agentLineWaitsForLateCallerTranscript_thenBothGoOutInOrder() {
    h.feed(userAdded("u1", null), agentAdded("a1", "u1"), agentDone("r1", "a1", "How can I help?"));
    Instant heldAt = h.clock.instant();

    assertThat(h.emitted).isEmpty();
    assertThat(h.assembler.nextDeadline()).contains(heldAt.plus(Harness.WAIT));

    h.advance(Duration.ofMillis(1999));
    assertThat(h.emitted).isEmpty();

    h.feed(callerCompleted("u1", "Hi, it's Ann."));

    assertThat(h.emittedText()).containsExactly("Caller: Hi, it's Ann.", "Agent: How can I help?");
    assertThat(h.emitted).extracting(TranscriptLine::sequence).containsExactly(1L, 2L);
    assertThat(h.assembler.nextDeadline()).isEmpty();
  }

  @Test
  void callerTranscriptAfterDeadline_agentGoesFirst_transcriptKeepsConversationOrder() {
    h.feed(userAdded("u1", null), agentAdded("a1", "u1"), agentDone("r1", "a1", "How can I help?"));

    h.advance(Harness.WAIT);
    assertThat(h.emittedText()).containsExactly("Agent: How can I help?");
    assertThat(h.assembler.nextDeadline()).isEmpty();

    h.advance(Duration.ofSeconds(3)).feed(callerCompleted("u1", "Hi, it's Ann."));

    assertThat(h.emittedText()).containsExactly("Agent: How can I help?", "Caller: Hi, it's Ann.");
    assertThat(h.emitted).extracting(TranscriptLine::sequence).containsExactly(1L, 2L);
    assertThat(h.transcriptText())
        .containsExactly("Caller: Hi, it's Ann.", "Agent: How can I help?");
  }

  @Test
  void callerNeverTranscribed_holdsOnlyTheFirstLaterLineAndNotTheRest() {
    h.feed(userAdded("u1", null), agentAdded("a1", "u1"), agentDone("r1", "a1", "Hello?"));
    h.advance(Harness.WAIT);

    h.feed(
        userAdded("u2", "a1"),
        callerCompleted("u2", "Can you hear me?"),
        agentAdded("a2", "u2"),
        agentDone("r2", "a2", "Yes."));

    assertThat(h.emittedText())
        .containsExactly("Agent: Hello?", "Caller: Can you hear me?", "Agent: Yes.");
    assertThat(h.assembler.nextDeadline()).isEmpty();
  }

  @Test
  void eachHeldLineHasItsOwnDeadline() {
    h.feed(userAdded("u1", null), agentAdded("a1", "u1"), agentDone("r1", "a1", "One."));
    h.advance(Duration.ofMillis(500));
    h.feed(userAdded("u2", "a1"), agentAdded("a2", "u2"), agentDone("r2", "a2", "Two."));
    Instant secondHeldAt = h.clock.instant();

    h.advance(Duration.ofMillis(1500)); // first deadline
    assertThat(h.emittedText()).containsExactly("Agent: One.");
    assertThat(h.assembler.nextDeadline()).contains(secondHeldAt.plus(Harness.WAIT));

    h.feed(callerCompleted("u2", "Second."));
    assertThat(h.emittedText()).containsExactly("Agent: One.", "Caller: Second.", "Agent: Two.");
  }

  @Test
  void transcriptionOffInSession_agentLineStillWaits_theBridgeAskedForTranscription() {
    h.feed(
        session(false),
        userAdded("u1", null),
        agentAdded("a1", "u1"),
        agentDone("r1", "a1", "Hi there."));

    assertThat(h.emitted).isEmpty();
    h.feed(callerCompleted("u1", "Hello"));
    assertThat(h.emittedText()).containsExactly("Caller: Hello", "Agent: Hi there.");
  }

  @Test
  void transcriptionOffByTheBridge_sessionShowingItOn_agentLinesWaitAgain() {
    h.assembler.callerTranscriptionOff();
    h.feed(
        session(true), userAdded("u1", null), agentAdded("a1", "u1"), agentDone("r1", "a1", "Hi"));

    assertThat(h.emitted).isEmpty();
    assertThat(h.assembler.nextDeadline()).isPresent();
  }

  @Test
  void transcriptionTurnedOffByTheBridge_callerItemsDoNotHoldAgentLines() {
    h.assembler.callerTranscriptionOff();
    h.feed(userAdded("u1", null), agentAdded("a1", "u1"), agentDone("r1", "a1", "Hi there."));

    assertThat(h.emittedText()).containsExactly("Agent: Hi there.");
    assertThat(h.assembler.nextDeadline()).isEmpty();
  }

  @Test
  void transcriptionOnInSession_agentLineStillWaits() {
    h.feed(
        session(true),
        userAdded("u1", null),
        agentAdded("a1", "u1"),
        agentDone("r1", "a1", "Hi there."));

    assertThat(h.emitted).isEmpty();
    assertThat(h.assembler.nextDeadline()).isPresent();
  }

  @Test
  void itemInsertedAfterPrevious_takesItsPlaceInTheMiddle() {
    h.feed(
        userAdded("u1", null),
        agentAdded("a1", "u1"),
        userAdded("u2", "u1"), // inserted between u1 and a1
        callerCompleted("u1", "One"),
        agentDone("r1", "a1", "Three"));
    assertThat(h.emittedText()).containsExactly("Caller: One");

    h.feed(callerCompleted("u2", "Two"));

    assertThat(h.emittedText()).containsExactly("Caller: One", "Caller: Two", "Agent: Three");
  }

  @Test
  void committedThenAdded_placesOnceAndRepeatsAreIgnored() {
    h.feed(
        committed("u1", null),
        userAdded("u1", null),
        agentAdded("a1", "u1"),
        agentAdded("a1", "u1"),
        committed("u2", "a1"),
        userAdded("u2", "a1"),
        callerCompleted("u2", "Second"),
        agentDone("r1", "a1", "First answer"),
        callerCompleted("u1", "First"));

    assertThat(h.emittedText())
        .containsExactly("Caller: First", "Agent: First answer", "Caller: Second");
    assertThat(h.transcriptText()).isEqualTo(h.emittedText());
  }

  @Test
  void unknownOrNullPrevious_appends() {
    h.feed(
        userAdded("u1", null),
        agentAdded("a1", "nobody"),
        userAdded("u2", null),
        callerCompleted("u2", "Third"),
        agentDone("r1", "a1", "Second"),
        callerCompleted("u1", "First"));

    assertThat(h.emittedText()).containsExactly("Caller: First", "Agent: Second", "Caller: Third");
  }

  @Test
  void toolItemsKeepTheirPlaceWithoutLines() {
    h.feed(
        userAdded("u1", null),
        functionCallAdded("f1", "u1"),
        Events.functionOutputAdded("fo1", "f1"),
        agentAdded("a1", "fo1"),
        agentDone("r2", "a1", "Your order shipped."));
    assertThat(h.emitted).isEmpty(); // still waiting for u1

    h.feed(callerDelta("u1", "Where is "), callerCompleted("u1", "Where is my order?"));

    assertThat(h.emittedText())
        .containsExactly("Caller: Where is my order?", "Agent: Your order shipped.");
  }

  @Test
  void lateItemInsertedBehindTheWatermark_emitsWhenItCompletes() {
    h.feed(
        userAdded("u1", null),
        callerCompleted("u1", "One"),
        agentAdded("a1", "u1"),
        agentDelta("r1", "a1", "Two"),
        agentDone("r1", "a1", "Two"),
        userAdded("u0", "u1")); // lands between two emitted lines

    h.feed(callerCompleted("u0", "One and a half"));

    assertThat(h.emittedText())
        .containsExactly("Caller: One", "Agent: Two", "Caller: One and a half");
    assertThat(h.transcriptText())
        .containsExactly("Caller: One", "Caller: One and a half", "Agent: Two");
  }
}
