package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.transcript.Speaker;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Lines, tool runs and token usage reach the metrics through the call event stream. */
class BridgeMetricsTest {
  private static final CallId ID = new CallId("rtc_1");
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void callEvents_countLinesToolRunsAndTokens_underTheDocumentedNames() {
    try (BridgeMetrics metrics = new BridgeMetrics()) {
      metrics.onEvent(
          new CallEvent.Line(
              new TranscriptLine(
                  ID, 1, Speaker.CALLER, TranscriptLine.Kind.SPEECH, "hi", "item_1", AT)));
      metrics.onEvent(
          new CallEvent.Line(
              new TranscriptLine(
                  ID, 2, Speaker.AGENT, TranscriptLine.Kind.SPEECH, "hello", "item_2", AT)));
      metrics.onEvent(
          new CallEvent.Line(
              new TranscriptLine(
                  ID,
                  3,
                  Speaker.AGENT,
                  TranscriptLine.Kind.SPEECH,
                  "how can I help",
                  "item_3",
                  AT)));
      metrics.onEvent(
          new CallEvent.ToolRun(ID, AT, "lookup_order", "{}", "{}", "ok", Duration.ofMillis(20)));
      metrics.onEvent(
          new CallEvent.ToolRun(ID, AT, "", "{}", "{}", "unknown_tool", Duration.ofMillis(1)));
      metrics.onEvent(new CallEvent.Usage(ID, AT, 10, 20, 30, 40));

      assertThat(metrics.scrape())
          .contains("bridge_transcript_lines_total{speaker=\"caller\"} 1.0")
          .contains("bridge_transcript_lines_total{speaker=\"agent\"} 2.0")
          .contains("bridge_tool_calls_seconds_count{outcome=\"ok\",tool=\"lookup_order\"} 1")
          .contains("bridge_tool_calls_seconds_count{outcome=\"unknown_tool\",tool=\"none\"} 1")
          .contains("bridge_tokens_total{direction=\"input\",modality=\"text\"} 10.0")
          .contains("bridge_tokens_total{direction=\"output\",modality=\"audio\"} 40.0")
          .contains("bridge_response_tokens_sum 100.0");
    }
  }
}
