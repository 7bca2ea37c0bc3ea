package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.fake.FakeTranscriptSink;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Discord sink in the running bridge with its shipped defaults: health in {@code /ready}'s body
 * and in {@code /metrics}, and a shutdown that delivers what is queued.
 */
class DiscordSinkOperationsEndToEndTest {
  @Test
  void readyAndMetrics_showTheDiscordSinksHealth() throws Exception {
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(ConversationScript.demo());
        SimulatedDiscord discord = SimulatedDiscord.start();
        RunningBridge bridge =
            RunningBridge.start(
                openAi,
                Map.of("DISCORD_WEBHOOK_URL", discord.webhookUrl().toString()),
                Extensions.none())) {

      var ready = bridge.get("/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body())
          .isEqualTo(
              "{\"status\":\"ready\",\"sinks\":{\"discord\":"
                  + "{\"healthy\":true,\"state\":\"ok\",\"queued\":0,\"droppedQueueFull\":0}}}");
      assertThat(bridge.get("/metrics").body())
          .contains("bridge_sink_healthy{sink=\"discord\"} 1.0")
          .contains("bridge_sink_paused_seconds{sink=\"discord\"} 0.0")
          .contains("bridge_sink_queued{sink=\"discord\"} 0.0")
          .contains("bridge_sink_queue_full_dropped_total{sink=\"discord\"} 0.0");
    }
  }

  @Test
  void shutdown_deliversEveryQueuedMessage_underDiscordsRealLimits() throws Exception {
    ConversationScript script =
        ConversationScript.builder()
            .awaitGreeting(false)
            .eventDelay(Duration.ofMillis(1))
            .caller("Is anyone there?")
            .agent("Yes, I am here.")
            .stayOpen()
            .build();
    FakeTranscriptSink seen = new FakeTranscriptSink();
    int calls = 4;
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(script);
        SimulatedDiscord discord = SimulatedDiscord.startRateLimited()) {
      RunningBridge bridge =
          RunningBridge.start(
              openAi,
              Map.of("DISCORD_WEBHOOK_URL", discord.webhookUrl().toString(), "DRAIN_SECONDS", "0"),
              new Extensions(List.of(seen), List.of()));
      for (int c = 1; c <= calls; c++) {
        assertThat(bridge.callArrives("rtc_sd" + c)).isEqualTo(200);
      }
      await().until(() -> seen.lines().size() == 2 * calls);

      bridge.close(); // what SIGTERM runs: drain (0 s here), cut the calls, flush, close

      List<String> contents = discord.contents();
      for (int c = 1; c <= calls; c++) {
        String id = "rtc_sd" + c;
        assertThat(contents).anyMatch(m -> m.startsWith("Call " + id + " started"));
        assertThat(contents).anyMatch(m -> m.startsWith("Transcript of call " + id + " "));
      }
      assertThat(
              contents.stream()
                  .flatMap(m -> Arrays.stream(m.split("\n")))
                  .filter(l -> l.equals("Caller: Is anyone there?")))
          .hasSize(calls + calls);
      assertThat(discord.statuses()).doesNotContain(429);
    }
  }
}
