package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.fake.FakeTranscriptSink;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolResult;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedOpenAi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics, capacity, graceful shutdown and socket re-attach on the running bridge. */
class OperationsEndToEndTest {
  private static final Tool LOOKUP =
      Tool.of(
          "lookup_order",
          "Look up an order",
          "{\"type\":\"object\",\"properties\":{}}",
          c -> ToolResult.ok("{\"status\":\"shipped\"}"));

  private SimulatedOpenAi openAi;
  private RunningBridge bridge;
  private final FakeTranscriptSink sink = new FakeTranscriptSink();

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
    if (openAi != null) {
      openAi.close();
    }
  }

  private void start(ConversationScript script, Map<String, String> env) {
    openAi = SimulatedOpenAi.start(script);
    bridge = RunningBridge.start(openAi, env, new Extensions(List.of(sink), List.of(LOOKUP)));
  }

  @Test
  void metrics_answerAreCallsAnsweredHowFastAreLinesDeliveredWhatDoesACallCost(@TempDir Path dir)
      throws Exception {
    ConversationScript script = ConversationScript.demo().withEventDelay(Duration.ofMillis(1));
    start(
        script,
        Map.of(
            "WELCOME_MESSAGE", script.greeting().orElseThrow(), "TRANSCRIPT_DIR", dir.toString()));

    assertThat(bridge.callArrives("rtc_metrics1")).isEqualTo(200);
    openAi.call("rtc_metrics1").awaitEnd(Duration.ofSeconds(30));
    await().until(() -> sink.ended().size() == 1);

    String metrics = bridge.get("/metrics").body();
    assertThat(metrics)
        .contains("bridge_webhook_requests_total{outcome=\"accepted\"} 1.0")
        .contains("bridge_accept_latency_seconds_count 1")
        .contains("bridge_socket_open_latency_seconds_count{reattach=\"false\"} 1")
        .contains("bridge_calls_ended_total{reason=\"caller_hung_up\"} 1.0")
        .contains("bridge_call_duration_seconds_count 1")
        .contains("bridge_calls_live 0.0")
        .contains("bridge_transcript_lines_total{speaker=\"caller\"}")
        .contains("bridge_transcript_lines_total{speaker=\"agent\"}")
        .contains("bridge_sink_delivery_latency_seconds_count{sink=\"jsonl\"}")
        .contains("bridge_tool_calls_seconds_count{outcome=\"ok\",tool=\"lookup_order\"} 1")
        .contains("bridge_tokens_total{direction=\"output\",modality=\"audio\"}")
        .contains("bridge_call_tokens_count{direction=\"output\"} 1")
        .contains("jvm_memory_used_bytes")
        .contains("process_cpu_usage");
  }

  @Test
  void metrics_nameParameters_selectWhichMetricsAreScraped() throws Exception {
    start(ConversationScript.demo(), Map.of());

    String two =
        bridge
            .get("/metrics?name%5B%5D=jvm_memory_used_bytes" + "&name%5B%5D=bridge_calls_live")
            .body();

    assertThat(two)
        .contains("jvm_memory_used_bytes{area=\"heap\"")
        .contains("bridge_calls_live 0.0")
        .doesNotContain("bridge_accept_latency_seconds")
        .doesNotContain("process_cpu_usage");
    assertThat(bridge.get("/metrics").body())
        .contains("process_cpu_usage")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void shutdown_drainsTheLiveCallRefusesNewOnesAndFlushes() throws Exception {
    ConversationScript script =
        ConversationScript.builder()
            .awaitGreeting(false)
            .eventDelay(Duration.ofMillis(1))
            .caller("Are you still there?")
            .agent("I am.")
            .stayOpen()
            .build();
    start(script, Map.of("DRAIN_SECONDS", "20"));
    assertThat(bridge.callArrives("rtc_drain1")).isEqualTo(200);
    SimulatedCall call = openAi.call("rtc_drain1");
    await().until(() -> sink.lines().size() == 2);

    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(bridge.bridge::shutdown);

    await().until(() -> bridge.get("/ready").statusCode() == 503);
    assertThat(bridge.callArrives("rtc_drain2")).isEqualTo(503);
    assertThat(shutdown).isNotDone();
    assertThat(sink.ended()).isEmpty();
    call.closeNormally();
    shutdown.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(sink.ended()).hasSize(1);
    assertThat(sink.ended().get(0).lines()).hasSize(2);
    bridge = null;
  }

  @Test
  void droppedSocket_isReattachedAndTheTranscriptGoesOnWithoutGapsOrDuplicates() {
    ConversationScript script =
        ConversationScript.builder()
            .awaitGreeting(false)
            .eventDelay(Duration.ofMillis(1))
            .caller("First question.")
            .agent("First answer.")
            .pause(Duration.ofMillis(1500))
            .caller("Second question.")
            .agent("Second answer.")
            .callerHangsUp()
            .build();
    start(script, Map.of());

    assertThat(bridge.callArrives("rtc_drop1")).isEqualTo(200);
    SimulatedCall call = openAi.call("rtc_drop1");
    await().until(() -> sink.lines().size() == 2);
    call.drop();

    await().atMost(Duration.ofSeconds(15)).until(() -> sink.ended().size() == 1);
    assertThat(call.connections()).isEqualTo(2);
    assertThat(sink.rendered()).containsExactlyElementsOf(script.expectedLines());
    assertThat(sink.ended().get(0).endReason().name()).isEqualTo("CALLER_HUNG_UP");
  }
}
