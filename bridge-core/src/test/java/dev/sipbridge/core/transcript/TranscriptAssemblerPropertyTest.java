package dev.sipbridge.core.transcript;

import static dev.sipbridge.core.transcript.Events.agent;
import static dev.sipbridge.core.transcript.Events.agentAdded;
import static dev.sipbridge.core.transcript.Events.agentDelta;
import static dev.sipbridge.core.transcript.Events.agentDone;
import static dev.sipbridge.core.transcript.Events.callerCompleted;
import static dev.sipbridge.core.transcript.Events.callerDelta;
import static dev.sipbridge.core.transcript.Events.callerFailed;
import static dev.sipbridge.core.transcript.Events.committed;
import static dev.sipbridge.core.transcript.Events.functionCallAdded;
import static dev.sipbridge.core.transcript.Events.functionOutputAdded;
import static dev.sipbridge.core.transcript.Events.responseDone;
import static dev.sipbridge.core.transcript.Events.userAdded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.realtime.ServerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** One fixed conversation, its events delivered in random (but causally possible) orders. */
class TranscriptAssemblerPropertyTest {
  private static final List<String> CONVERSATION_ORDER =
      List.of(
          "Caller: Hello",
          "Agent: Hi, how can I help?",
          "Caller: Where is my order?",
          "Agent: It shipped.",
          "Agent: Anything else?",
          "Caller: (inaudible)",
          "Agent: Sorry, I didn't catch that.",
          "Agent: Goodbye [interrupted]"); // its response was cancelled

  @Property(tries = 500)
  void deadlinesNeverPass_emittedOrderIsConversationOrderAndEachLineOnce(@ForAll Random random) {
    Harness h = new Harness();
    for (ServerEvent e : interleaving(random)) {
      h.feed(e); // ticks, but the clock never moves
    }

    assertThat(h.emittedText()).isEqualTo(CONVERSATION_ORDER);
    assertThat(h.emitted).extracting(TranscriptLine::itemId).doesNotHaveDuplicates();
    assertThat(h.emitted)
        .extracting(TranscriptLine::sequence)
        .isEqualTo(sequence(CONVERSATION_ORDER.size()));
    assertThat(h.transcriptText()).isEqualTo(CONVERSATION_ORDER);
    assertThat(h.assembler.nextDeadline()).isEmpty();
  }

  @Property(tries = 500)
  void deadlinesPassing_eachLineOnceAndTranscriptInConversationOrder(@ForAll Random random) {
    Harness h = new Harness();
    for (ServerEvent e : interleaving(random)) {
      h.feed(e);
      h.advance(Duration.ofMillis(random.nextInt(1500)));
    }
    h.assembler.finish();

    assertThat(h.emittedText()).containsExactlyInAnyOrderElementsOf(CONVERSATION_ORDER);
    assertThat(h.emitted)
        .extracting(TranscriptLine::sequence)
        .isEqualTo(sequence(CONVERSATION_ORDER.size()));
    assertThat(h.transcriptText()).isEqualTo(CONVERSATION_ORDER);
  }

  /** Structure events in order; each item's own events in order, after its item was added. */
  private static List<ServerEvent> interleaving(Random random) {
    Map<String, List<ServerEvent>> pending = itemEvents();
    List<ServerEvent> out = new ArrayList<>();
    List<String> open = new ArrayList<>();
    Set<String> opened = new HashSet<>();
    int nextStructure = 0;
    List<Structure> structure = structure();
    while (nextStructure < structure.size() || !open.isEmpty()) {
      int pick = random.nextInt(open.size() + 1);
      if (pick == open.size() && nextStructure < structure.size()) {
        Structure s = structure.get(nextStructure++);
        out.add(s.event());
        if (pending.containsKey(s.id()) && opened.add(s.id())) {
          open.add(s.id());
        }
      } else if (!open.isEmpty()) {
        String id = open.get(Math.min(pick, open.size() - 1));
        List<ServerEvent> queue = pending.get(id);
        out.add(queue.remove(0));
        if (queue.isEmpty()) {
          open.remove(id);
        }
      }
    }
    return out;
  }

  private record Structure(String id, ServerEvent event) {}

  private static List<Structure> structure() {
    return List.of(
        new Structure("u1", userAdded("u1", null)),
        new Structure("a1", agentAdded("a1", "u1")),
        new Structure("u2", committed("u2", "a1")),
        new Structure("u2", userAdded("u2", "a1")),
        new Structure("f2", functionCallAdded("f2", "u2")),
        new Structure("fo2", functionOutputAdded("fo2", "f2")),
        new Structure("a2", agentAdded("a2", "fo2")),
        new Structure("u3", userAdded("u3", "a2")),
        new Structure("a3", agentAdded("a3", "u3")),
        new Structure("u4", userAdded("u4", "a3")),
        new Structure("a4", agentAdded("a4", "u4")),
        new Structure("a5", agentAdded("a5", "a4")));
  }

  private static Map<String, List<ServerEvent>> itemEvents() {
    Map<String, List<ServerEvent>> m = new LinkedHashMap<>();
    m.put(
        "u1",
        events(callerDelta("u1", "Hel"), callerDelta("u1", "lo"), callerCompleted("u1", "Hello")));
    m.put(
        "a1",
        events(
            Events.outputItemAdded("r1", "a1"),
            audio("started", "r1"),
            agentDelta("r1", "a1", "Hi, "),
            agentDelta("r1", "a1", "how can I help"),
            agentDone("r1", "a1", "Hi, how can I help?"),
            responseDone("r1", "completed", "a1"),
            audio("stopped", "r1")));
    m.put("u2", events(callerCompleted("u2", "Where is my order?")));
    m.put("a2", events(agentDelta("r3", "a2", "It "), agentDone("r3", "a2", "It shipped.")));
    m.put("u3", events(callerDelta("u3", " "), callerCompleted("u3", "  ")));
    m.put(
        "a3",
        events(
            agent("response.output_text.delta", "r4", "a3", "delta", "Anything"),
            agent("response.output_text.done", "r4", "a3", "text", "Anything else?")));
    m.put("u4", events(callerDelta("u4", "mm"), callerFailed("u4")));
    m.put(
        "a4",
        events(
            agentDelta("r5", "a4", "Sorry, I didn't "),
            agentDelta("r5", "a4", "catch that."),
            agentDone("r5", "a4", null)));
    m.put(
        "a5",
        events(
            Events.outputItemAdded("r6", "a5"),
            audio("started", "r6"),
            agentDelta("r6", "a5", "Goodbye"),
            responseDone("r6", "cancelled", "a5"),
            audio("cleared", "r6")));
    return m;
  }

  /** {@code output_audio_buffer.started|stopped|cleared} of {@code responseId}. */
  private static ServerEvent audio(String what, String responseId) {
    return Events.parse(Events.event("output_audio_buffer." + what).put("response_id", responseId));
  }

  private static List<ServerEvent> events(ServerEvent... events) {
    return new ArrayList<>(List.of(events));
  }

  private static List<Long> sequence(int n) {
    List<Long> out = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      out.add(i);
    }
    return out;
  }
}
