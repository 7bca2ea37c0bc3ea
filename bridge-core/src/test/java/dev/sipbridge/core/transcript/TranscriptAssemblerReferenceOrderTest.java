package dev.sipbridge.core.transcript;

import static dev.sipbridge.core.transcript.ReferenceEvents.SESSION_CREATED_DEFAULTS;
import static dev.sipbridge.core.transcript.ReferenceEvents.agentReply;
import static dev.sipbridge.core.transcript.ReferenceEvents.callerTurn;
import static dev.sipbridge.core.transcript.ReferenceEvents.ev;
import static dev.sipbridge.core.transcript.ReferenceEvents.transcriptionCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Conversation order under event sequences written from the reference: {@link ReferenceEvents}. */
class TranscriptAssemblerReferenceOrderTest {
  private final Harness h = new Harness();

  @Test
  void issue12_lateCallerTranscript_300msAfterTheReply_callerLineFirst() {
    h.feed(callerTurn("item_A", null)).feed(agentReply("resp_1", "item_B", "item_A", "Hello."));
    assertThat(h.emitted).as("the reply waits for the caller turn before it").isEmpty();

    h.advance(Duration.ofMillis(300)).feed(transcriptionCompleted("item_A", "Hi, it's Ann."));

    assertThat(h.emittedText()).containsExactly("Caller: Hi, it's Ann.", "Agent: Hello.");
  }

  @Test
  void sessionEventShowingTheDefaults_doesNotStopTheWaitForCallerText() {
    // The session event may show the defaults (transcription null) though the bridge's accept
    // asked for transcription; the transcription that then arrives proves it is on.
    h.feed(ev(SESSION_CREATED_DEFAULTS))
        .feed(callerTurn("item_A", null))
        .feed(agentReply("resp_1", "item_B", "item_A", "Hello."));
    h.advance(Duration.ofMillis(300)).feed(transcriptionCompleted("item_A", "Hi."));

    assertThat(h.emittedText()).containsExactly("Caller: Hi.", "Agent: Hello.");
  }

  @Test
  void interleavedTurns_twoLateTranscriptions_keepConversationOrder() {
    h.feed(callerTurn("item_A", null)).feed(agentReply("resp_1", "item_B", "item_A", "One."));
    h.advance(Duration.ofMillis(200)).feed(callerTurn("item_C", "item_B"));
    h.feed(agentReply("resp_2", "item_D", "item_C", "Two."));
    h.advance(Duration.ofMillis(200)).feed(transcriptionCompleted("item_C", "Second."));
    assertThat(h.emitted).isEmpty();

    h.advance(Duration.ofMillis(100)).feed(transcriptionCompleted("item_A", "First."));

    assertThat(h.emittedText())
        .containsExactly("Caller: First.", "Agent: One.", "Caller: Second.", "Agent: Two.");
  }

  @Test
  void transcriptionNeverComes_replyGoesOutAfterTheOrderWait() {
    h.feed(callerTurn("item_A", null)).feed(agentReply("resp_1", "item_B", "item_A", "Hello."));

    h.advance(Harness.WAIT.minusMillis(1));
    assertThat(h.emitted).isEmpty();
    h.advance(Duration.ofMillis(1));

    assertThat(h.emittedText()).containsExactly("Agent: Hello.");
  }
}
