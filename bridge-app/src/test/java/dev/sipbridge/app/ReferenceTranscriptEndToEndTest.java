package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped bridge (SPEC variables only, every timing at its default) driven the way an outside
 * client drives it: a signed webhook, then realtime events from the hand-written reference
 * sequences ({@link ReferenceScenario}), and a Discord that answers at once. Checks the live
 * Discord lines, the final transcript and the JSON-lines file.
 */
class ReferenceTranscriptEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Plays nothing by itself: the test sends every event. */
  private final SimulatedOpenAi openAi =
      SimulatedOpenAi.start(ConversationScript.builder().awaitGreeting(false).stayOpen().build());

  private final SimulatedDiscord discord = SimulatedDiscord.start();
  private RunningBridge bridge;
  @TempDir Path dir;

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
    openAi.close();
    discord.close();
  }

  private SimulatedCall callArrives(String callId) {
    if (bridge == null) {
      bridge =
          RunningBridge.start(
              openAi,
              Map.of(
                  "DISCORD_WEBHOOK_URL", discord.webhookUrl().toString(),
                  "TRANSCRIPT_DIR", dir.toString()),
              Extensions.none());
    }
    assertThat(bridge.callArrives(callId)).isEqualTo(200);
    SimulatedCall call = openAi.call(callId);
    await().atMost(Duration.ofSeconds(10)).until(call::isOpen);
    return call;
  }

  @Test
  void issue12_callerTranscript300msAfterTheReply_callerLineFirstEverywhere() throws Exception {
    SimulatedCall call = callArrives("rtc_ref_order");
    new ReferenceScenario()
        .add("session-created", Map.of())
        .callerTurn("item_A", null)
        .agentSpeaks("resp_1", "item_B", "item_A", "Sure, which order?")
        .audioStopped("resp_1", "item_B")
        .playOn(call);

    // 300 ms later (issue 12), and the reply must not have gone out before the caller's line
    await().pollDelay(Duration.ofMillis(300)).until(() -> true);
    assertThat(String.join("\n", discord.contents())).doesNotContain("Agent:");
    new ReferenceScenario().callerTranscript("item_A", "Where is my order?").playOn(call);
    call.closeNormally();

    List<String> expected = List.of("Caller: Where is my order?", "Agent: Sure, which order?");
    assertDelivered("rtc_ref_order", expected);
  }

  @Test
  void bargeIn_interruptedRepliesMarkedLiveInTheFinalTranscriptAndTheFile() throws Exception {
    SimulatedCall call = callArrives("rtc_ref_barge");
    new ReferenceScenario()
        .callerTurn("item_U1", null)
        .callerTranscript("item_U1", "What are your hours?")
        .agentSpeaks("resp_1", "item_A1", "item_U1", "We are open nine to five on weekdays.")
        .add("barge-in", Map.of("r", "resp_1", "a", "item_A1", "next", "item_U2"))
        .callerTurn("item_U2", "item_A1")
        .callerTranscript("item_U2", "And on Saturdays?")
        .add(
            "agent-cancelled",
            Map.of(
                "r",
                "resp_2",
                "a",
                "item_A2",
                "u",
                "item_U2",
                "next",
                "item_U3",
                "agentText",
                "On Saturdays we"))
        .callerTurn("item_U3", "item_A2")
        .callerTranscript("item_U3", "Sorry, go on.")
        .agentSpeaks("resp_3", "item_A3", "item_U3", "Saturdays ten to two.")
        .audioStopped("resp_3", "item_A3")
        .playOn(call);
    call.closeNormally();

    List<String> expected =
        List.of(
            "Caller: What are your hours?",
            "Agent: We are open nine to five on weekdays. [interrupted]",
            "Caller: And on Saturdays?",
            "Agent: On Saturdays we [interrupted]",
            "Caller: Sorry, go on.",
            "Agent: Saturdays ten to two.");
    assertDelivered("rtc_ref_barge", expected);
    List<JsonNode> records = jsonLines("rtc_ref_barge");
    assertThat(records)
        .extracting(r -> r.path("interrupted").asBoolean())
        .containsExactly(false, true, false, true, false, false);
    assertThat(records.get(1).path("text").asText())
        .isEqualTo("We are open nine to five on weekdays.");
  }

  @Test
  void burstsOfLateTurns_interleavedOverTwoCalls_everyLineOnceAndInOrder() throws Exception {
    List<String> ids = List.of("rtc_ref_burst1", "rtc_ref_burst2");
    List<SimulatedCall> calls = new ArrayList<>();
    List<List<String>> expected = new ArrayList<>();
    for (String id : ids) {
      calls.add(callArrives(id));
      expected.add(new ArrayList<>());
    }
    int turns = 20;
    for (int t = 1; t <= turns; t++) {
      for (int c = 0; c < calls.size(); c++) {
        String tag = "(call " + (c + 1) + ", turn " + t + ")";
        String u = "item_U" + t;
        String a = "item_A" + t;
        // each caller transcription arrives after the reply it came before, back to back
        ReferenceScenario events = new ReferenceScenario();
        if (t == 1) {
          events.add("session-created", Map.of());
        }
        events
            .callerTurn(u, t == 1 ? null : "item_A" + (t - 1))
            .agentSpeaks("resp_" + t, a, u, "Answer " + tag)
            .audioStopped("resp_" + t, a)
            .callerTranscript(u, "Question " + tag)
            .playOn(calls.get(c));
        expected.get(c).add("Caller: Question " + tag);
        expected.get(c).add("Agent: Answer " + tag);
      }
    }
    calls.forEach(SimulatedCall::closeNormally);

    for (int c = 0; c < calls.size(); c++) {
      assertDelivered(ids.get(c), expected.get(c), "(call " + (c + 1) + ",");
    }
  }

  /** Live Discord lines, the final transcript and the JSON-lines file all hold {@code lines}. */
  private void assertDelivered(String callId, List<String> lines) throws Exception {
    assertDelivered(callId, lines, "");
  }

  /** The same, for a call whose live lines are told apart by containing {@code marker}. */
  private void assertDelivered(String callId, List<String> lines, String marker) throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> finalTranscript(callId) != null);
    List<String> live = new ArrayList<>();
    for (String content : discord.contents()) {
      if (content != null
          && !content.startsWith("Transcript of call")
          && !content.startsWith("Call ")) {
        Arrays.stream(content.split("\n")).filter(l -> l.contains(marker)).forEach(live::add);
      }
    }
    assertThat(live).as("live Discord lines of " + callId).containsExactlyElementsOf(lines);
    assertThat(finalTranscript(callId)).as("final transcript").containsExactlyElementsOf(lines);
    assertThat(jsonLines(callId))
        .extracting(r -> r.path("line").asText())
        .as("JSON lines")
        .containsExactlyElementsOf(lines);
  }

  private List<String> finalTranscript(String callId) {
    for (SimulatedDiscord.Message m : discord.messages()) {
      String content = m.content() == null ? "" : m.content();
      if (content.startsWith("Transcript of call " + callId)) {
        String text =
            !m.attachmentText().isEmpty()
                ? m.attachmentText()
                : content.substring(content.indexOf('\n') + 1);
        return Arrays.asList(text.strip().split("\n"));
      }
    }
    return null;
  }

  private List<JsonNode> jsonLines(String callId) throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve(callId + ".jsonl"))) {
      JsonNode record = JSON.readTree(l);
      if ("line".equals(record.path("type").asText())) {
        records.add(record);
      }
    }
    return records;
  }
}
