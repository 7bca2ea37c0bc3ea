package dev.sipbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of the load benchmark: five calls through a real bridge process (started from this
 * class path). Asserts correctness only; the figures themselves are never checked here.
 */
class LoadBenchmarkTest {
  private static final List<String> FIELDS =
      List.of(
          "calls",
          "concurrency",
          "rate_per_s",
          "turns",
          "event_delay_ms",
          "seed",
          "warmup_calls",
          "cold",
          "driver_warmup_calls",
          "cds",
          "webhook_to_accept_ms",
          "webhook_response_ms",
          "completion_to_sink_ms",
          "lines_expected",
          "lines_delivered",
          "webhooks_failed",
          "calls_failed",
          "peak_live_calls",
          "rss_cold_idle_mib",
          "rss_idle_mib",
          "rss_peak_mib",
          "rss_per_live_call_kib",
          "threads_idle",
          "threads_peak",
          "heap_idle_mib",
          "heap_peak_mib",
          "heap_per_live_call_kib",
          "events",
          "events_per_s",
          "bridge_cpu_s",
          "cpu_s_per_1000_events",
          "cpu_us_per_event",
          "ready_ms",
          "load_s",
          "ok",
          "driver_cpu_s",
          "driver_gc_ms",
          "bridge_accept_ms",
          "gc_pauses",
          "gc_pause_ms");

  @Test
  void fiveCalls_deliverEveryLineAndPrintOneJsonLineWithEveryField() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Set<Path> tempBefore = benchTempFiles();

    int exit =
        LoadBenchmark.run(
            List.of(
                "--calls",
                "5",
                "--warmup",
                "1",
                "--rate",
                "20",
                "--event-delay-ms",
                "1",
                "--seed",
                "7",
                "--driver-warmup",
                "0"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as("exit status; stderr: %s", err).isZero();
    assertThat(printed.strip()).doesNotContain("\n");
    JsonNode report = new ObjectMapper().readTree(printed);
    assertThat(report.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(FIELDS);
    assertThat(report.get("calls").asInt()).isEqualTo(5);
    assertThat(report.get("lines_expected").asLong())
        .isPositive()
        .isEqualTo(report.get("lines_delivered").asLong());
    assertThat(report.get("webhook_to_accept_ms").fieldNames())
        .toIterable()
        .containsExactly("p50", "p95", "p99", "max", "first_minute_p99", "by_5s");
    JsonNode firstWindow = report.get("webhook_to_accept_ms").get("by_5s").get(0);
    assertThat(firstWindow.get("from_s").asInt()).isZero();
    assertThat(firstWindow.get("calls").asInt()).as("all 5 calls start within 5 s").isEqualTo(5);
    assertThat(firstWindow.get("max").asDouble())
        .isEqualTo(report.get("webhook_to_accept_ms").get("max").asDouble());
    assertThat(report.get("cold").asBoolean()).isFalse();
    assertThat(report.get("threads_peak").asInt()).isPositive();
    assertThat(report.get("events").asLong()).isPositive();
    assertThat(report.get("ok").asBoolean()).isTrue();
    assertThat(benchTempFiles()).as("the bench's temporary files are gone").isSubsetOf(tempBefore);
  }

  /** The bridge's working directories and logs the bench makes under {@code java.io.tmpdir}. */
  static Set<Path> benchTempFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("bench-"))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void cmd_drivesABridgeStartedByAShellCommand_coldByDefault() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.sipbridge.app.Main";

    int exit =
        LoadBenchmark.run(
            List.of(
                "--cmd",
                command,
                "--calls",
                "3",
                "--rate",
                "20",
                "--event-delay-ms",
                "1",
                "--driver-warmup",
                "4"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).as("exit status; stderr: %s", err).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(report.get("cmd").asText()).isEqualTo(command);
    assertThat(report.get("cold").asBoolean()).isTrue();
    assertThat(report.get("warmup_calls").asInt()).isZero();
    // the driver warmed itself on a throwaway bridge of its own; none of those calls is counted
    assertThat(report.get("driver_warmup_calls").asInt()).isEqualTo(4);
    assertThat(report.get("calls").asInt()).isEqualTo(3);
    assertThat(report.get("lines_expected").asLong())
        .isPositive()
        .isEqualTo(report.get("lines_delivered").asLong());
  }

  @Test
  void unknownOption_exits2WithUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        LoadBenchmark.run(
            List.of("--callz", "5"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --callz", "usage");
  }
}
