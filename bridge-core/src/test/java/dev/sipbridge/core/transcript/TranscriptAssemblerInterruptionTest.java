package dev.sipbridge.core.transcript;

import static dev.sipbridge.core.transcript.ReferenceEvents.agentFinishes;
import static dev.sipbridge.core.transcript.ReferenceEvents.agentReply;
import static dev.sipbridge.core.transcript.ReferenceEvents.agentStarts;
import static dev.sipbridge.core.transcript.ReferenceEvents.audio;
import static dev.sipbridge.core.transcript.ReferenceEvents.callerTurn;
import static dev.sipbridge.core.transcript.ReferenceEvents.transcriptionCompleted;
import static dev.sipbridge.core.transcript.ReferenceEvents.truncated;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Barge-in (reference §4, §4.2 step 5): lines the caller talked over are marked interrupted. */
class TranscriptAssemblerInterruptionTest {
  private static final String ANSWER = "Our opening hours are nine to five on weekdays.";
  private final Harness h = new Harness();

  @Test
  void truncatedWhilePlaying_afterTheResponseWasDone_lineMarkedLiveAndInTheTranscript() {
    h.feed(callerTurn("item_A", null)).feed(transcriptionCompleted("item_A", "Hours?"));
    h.feed(agentStarts("resp_1", "item_B", "item_A", ANSWER))
        .feed(agentFinishes("resp_1", "item_B", "item_A", ANSWER, "completed"));
    assertThat(h.emittedText()).as("its audio is still playing").containsExactly("Caller: Hours?");

    h.feed(callerTurn("item_C", "item_B"))
        .feed(audio("cleared", "resp_1"), truncated("item_B", 1450));

    assertThat(h.emittedText())
        .containsExactly("Caller: Hours?", "Agent: " + ANSWER + " [interrupted]");
    assertThat(h.emitted.get(1).interrupted()).isTrue();
    h.feed(transcriptionCompleted("item_C", "Sorry, and Saturdays?"));
    assertThat(h.transcriptText())
        .containsExactly(
            "Caller: Hours?",
            "Agent: " + ANSWER + " [interrupted]",
            "Caller: Sorry, and Saturdays?");
  }

  @Test
  void truncatedOnly_noClearedEvent_stillMarked() {
    h.feed(agentStarts("resp_1", "item_B", "item_0", ANSWER))
        .feed(agentFinishes("resp_1", "item_B", "item_0", ANSWER, "completed"))
        .feed(truncated("item_B", 800));

    assertThat(h.emittedText()).containsExactly("Agent: " + ANSWER + " [interrupted]");
  }

  @Test
  void responseCancelledWhileGenerating_partialTextMarked() {
    h.feed(agentStarts("resp_1", "item_B", "item_0", "Our opening ", "hours are"));
    h.feed(callerTurn("item_C", "item_B"));
    h.feed(agentFinishes("resp_1", "item_B", "item_0", "Our opening hours are", "cancelled"))
        .feed(audio("cleared", "resp_1"));

    assertThat(h.emittedText()).containsExactly("Agent: Our opening hours are [interrupted]");
  }

  @Test
  void playedToTheEnd_lineGoesOutWhenTheAudioStops_notMarked() {
    h.feed(agentStarts("resp_1", "item_B", "item_0", ANSWER))
        .feed(agentFinishes("resp_1", "item_B", "item_0", ANSWER, "completed"));
    assertThat(h.emitted).isEmpty();

    // a truncation after the audio played to the end changes nothing
    h.feed(audio("stopped", "resp_1"), truncated("item_B", 3000));

    assertThat(h.emittedText()).containsExactly("Agent: " + ANSWER);
    assertThat(h.transcriptText()).containsExactly("Agent: " + ANSWER);
  }

  @Test
  void audioNeverReportedStopped_lineGoesOutAfterThePlaybackLimit() {
    h.feed(agentStarts("resp_1", "item_B", "item_0", ANSWER))
        .feed(agentFinishes("resp_1", "item_B", "item_0", ANSWER, "completed"));

    h.advance(AgentLines.PLAYBACK_LIMIT.minusMillis(1));
    assertThat(h.emitted).isEmpty();
    h.advance(Duration.ofMillis(1));

    assertThat(h.emittedText()).containsExactly("Agent: " + ANSWER);
  }

  @Test
  void truncatedAfterTheLineWentOut_noPlaybackEvents_finalTranscriptMarksIt() {
    h.feed(
        Events.agentAdded("item_B", null),
        Events.agentDone("resp_1", "item_B", ANSWER),
        Events.responseDone("resp_1", "completed", "item_B"));
    assertThat(h.emittedText()).containsExactly("Agent: " + ANSWER);

    h.feed(truncated("item_B", 900));

    assertThat(h.emittedText())
        .as("a live line is not recalled")
        .containsExactly("Agent: " + ANSWER);
    assertThat(h.transcriptText()).containsExactly("Agent: " + ANSWER + " [interrupted]");
    assertThat(h.assembler.transcript().get(0).sequence()).isEqualTo(1);
  }

  @Test
  void replyPlayingBlocksTheNextCallerLine_untilItIsCutOff() {
    h.feed(agentStarts("resp_1", "item_B", "item_0", "Let me see"))
        .feed(agentFinishes("resp_1", "item_B", "item_0", "Let me see.", "completed"))
        .feed(callerTurn("item_C", "item_B"))
        .feed(transcriptionCompleted("item_C", "Stop."));
    assertThat(h.emitted).isEmpty();

    h.feed(audio("cleared", "resp_1"));

    assertThat(h.emittedText())
        .containsExactly("Agent: Let me see. [interrupted]", "Caller: Stop.");
  }

  @Test
  void wholeReplyFromTheReference_notMarked() {
    h.feed(agentReply("resp_1", "item_B", "item_0", "Hi."));
    assertThat(h.emittedText()).containsExactly("Agent: Hi.");
    assertThat(h.emitted.get(0).interrupted()).isFalse();
  }
}
