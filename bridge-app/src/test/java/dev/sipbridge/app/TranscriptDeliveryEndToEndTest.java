package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolResult;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long calls under a Discord that rate-limits like the real one (5 posts per window, 429 with
 * retry_after), with the shipped Discord pacing: every line arrives, in conversation order, without
 * duplicates; the final transcript matches; the JSON-lines sink writes the same lines.
 */
class TranscriptDeliveryEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Two lively ten-minute calls: a line every few seconds per side, about 300 lines each. */
  private static final int CALLS = 2;

  private static final int TURNS = 150;

  @Test
  void longCallsUnderRateLimits_everyLineDeliveredInOrderOnce(@TempDir Path dir) throws Exception {
    Map<String, ConversationScript> scripts = new LinkedHashMap<>();
    for (int i = 0; i < CALLS; i++) {
      scripts.put("rtc_long" + i, ConversationScript.realistic(new Random(42 + i), TURNS));
    }
    Tool lookup =
        Tool.of(
            "lookup_order",
            "Look up an order",
            "{\"type\":\"object\",\"properties\":{}}",
            c -> ToolResult.ok("{\"status\":\"shipped\"}"));
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(scripts::get);
        SimulatedDiscord discord = SimulatedDiscord.start(5, Duration.ofMillis(300))) {
      Map<String, String> env = new HashMap<>();
      env.put("DISCORD_WEBHOOK_URL", discord.webhookUrl().toString());
      env.put("DISCORD_THREAD_PER_CALL", "true");
      env.put("TRANSCRIPT_DIR", dir.toString());
      try (RunningBridge bridge =
          RunningBridge.start(openAi, env, new Extensions(List.of(), List.of(lookup)))) {
        for (String id : scripts.keySet()) {
          assertThat(bridge.callArrives(id)).isEqualTo(200);
        }
        // shipped pacing: after its burst the channel budget allows one post per 3 s, so the
        // ~600 lines of two compressed ten-minute calls take about a minute and a half to post
        await()
            .atMost(Duration.ofSeconds(240))
            .until(
                () ->
                    discord.messages().stream()
                            .filter(
                                m ->
                                    m.content() != null
                                        && m.content().startsWith("Transcript of call"))
                            .count()
                        == CALLS);

        // The sink reads X-RateLimit-* and waits before Discord has to refuse; a 429 is retried.
        assertThat(discord.statuses()).allMatch(s -> s == 200 || s == 429);
        int totalLines = scripts.values().stream().mapToInt(s -> s.expectedLines().size()).sum();
        assertThat(discord.messages().size())
            .as("backlogged lines are coalesced")
            .isLessThan(totalLines);
        for (Map.Entry<String, ConversationScript> e : scripts.entrySet()) {
          List<String> expected = e.getValue().expectedLines();
          assertThat(discordLines(discord, e.getKey()))
              .as(e.getKey())
              .containsExactlyElementsOf(expected);
          assertThat(finalTranscript(discord, e.getKey()))
              .as(e.getKey())
              .containsExactlyElementsOf(expected);
          assertThat(jsonLines(dir, e.getKey())).as(e.getKey()).containsExactlyElementsOf(expected);
        }
      }
    }
  }

  /** The live lines of one call: the messages in its thread between announcement and final. */
  private static List<String> discordLines(SimulatedDiscord discord, String callId) {
    String thread = threadOf(discord, callId);
    List<String> lines = new ArrayList<>();
    for (SimulatedDiscord.Message m : discord.messages()) {
      if (thread.equals(m.threadId())
          && m.content() != null
          && !m.content().startsWith("Transcript of call")) {
        lines.addAll(Arrays.asList(m.content().split("\n")));
      }
    }
    return lines;
  }

  private static List<String> finalTranscript(SimulatedDiscord discord, String callId) {
    String thread = threadOf(discord, callId);
    SimulatedDiscord.Message last =
        discord.messages().stream()
            .filter(
                m ->
                    thread.equals(m.threadId())
                        && m.content() != null
                        && m.content().startsWith("Transcript of call"))
            .findFirst()
            .orElseThrow();
    String text =
        last.attachmentText() != null
            ? last.attachmentText()
            : last.content().substring(last.content().indexOf('\n') + 1);
    return Arrays.asList(text.strip().split("\n"));
  }

  private static String threadOf(SimulatedDiscord discord, String callId) {
    SimulatedDiscord.Message announcement =
        discord.messages().stream()
            .filter(m -> m.threadName() != null && m.threadName().contains(callId))
            .findFirst()
            .orElseThrow();
    return announcement.channelId();
  }

  private static List<String> jsonLines(Path dir, String callId) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve(callId + ".jsonl"))) {
      JsonNode record = JSON.readTree(l);
      if ("line".equals(record.path("type").asText())) {
        lines.add(record.path("line").asText());
      }
    }
    return lines;
  }
}
