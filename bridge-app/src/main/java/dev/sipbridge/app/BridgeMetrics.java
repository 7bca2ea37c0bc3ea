package dev.sipbridge.app;

import dev.sipbridge.app.http.BridgeServer;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.lifecycle.CallRecorder;
import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.port.CallObserver;
import dev.sipbridge.core.port.DeliveryObserver;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.transcript.Speaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Every metric of the bridge, on one Prometheus registry. Names and their meaning are listed in
 * docs/operations.md; label values are bounded (reasons, outcomes, tool names, error codes).
 */
public final class BridgeMetrics
    implements CallObserver,
        CallEventListener,
        DeliveryObserver,
        BridgeServer.WebhookOutcomes,
        BridgeServer.DroppedClients,
        AutoCloseable {
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer acceptLatency;
  private final Timer callDuration;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /** Meters by name and labels, built once: the per-event paths then only look one up. */
  private final Map<String, Meter> meters = new ConcurrentHashMap<>();

  private final Map<Speaker, Counter> lines = new EnumMap<>(Speaker.class);
  private final Counter[] tokenCounters = new Counter[4];
  private final DistributionSummary responseTokens;

  public BridgeMetrics() {
    acceptLatency =
        Timer.builder("bridge.accept.latency")
            .description("Webhook received until OpenAI answered the accept")
            .publishPercentileHistogram()
            .register(registry);
    callDuration =
        Timer.builder("bridge.call.duration")
            .description("Accept until the call ended")
            .publishPercentileHistogram()
            .register(registry);
    for (Speaker speaker : Speaker.values()) {
      lines.put(
          speaker,
          Counter.builder("bridge.transcript.lines")
              .tag("speaker", label(speaker.name()))
              .description("Transcript lines emitted")
              .register(registry));
    }
    String[][] kinds = {
      {"input", "text"}, {"input", "audio"}, {"output", "text"}, {"output", "audio"}
    };
    for (int i = 0; i < kinds.length; i++) {
      tokenCounters[i] =
          Counter.builder("bridge.tokens")
              .tag("direction", kinds[i][0])
              .tag("modality", kinds[i][1])
              .description("Model tokens used (cost)")
              .register(registry);
    }
    responseTokens =
        DistributionSummary.builder("bridge.response.tokens")
            .description("Tokens per model response (all kinds)")
            .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  /** Publishes the number of calls being handled now. */
  public void liveCalls(IntSupplier calls) {
    io.micrometer.core.instrument.Gauge.builder("bridge.calls.live", calls::getAsInt)
        .description("Calls being handled now (incoming, accepted or live)")
        .register(registry);
  }

  /** For meters registered elsewhere in the app ({@link SinkHealth}). */
  MeterRegistry registry() {
    return registry;
  }

  /** Publishes the call store's backlog and what its writer wrote, retried and gave up. */
  public void callStore(CallRecorder recorder) {
    io.micrometer.core.instrument.Gauge.builder("bridge.store.backlog", recorder::backlog)
        .description("Call events waiting to be written to the call store")
        .register(registry);
    FunctionCounter.builder("bridge.store.events.written", recorder, CallRecorder::written)
        .description("Call events written to the call store")
        .register(registry);
    FunctionCounter.builder("bridge.store.retries", recorder, CallRecorder::retries)
        .description("Call store operations that failed and were tried again")
        .register(registry);
    FunctionCounter.builder("bridge.store.events.dropped", recorder, CallRecorder::dropped)
        .tag("reason", "backlog_full")
        .description("Call events not written to the call store")
        .register(registry);
    FunctionCounter.builder("bridge.store.events.dropped", recorder, CallRecorder::givenUp)
        .tag("reason", "given_up")
        .description("Call events not written to the call store")
        .register(registry);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Only the named metrics ({@code jvm_memory_used_bytes}; all of them when {@code names} is
   * empty), as Prometheus' {@code name[]} parameter asks: a scrape that skips the histograms costs
   * a fraction of a full one.
   */
  public String scrape(Set<String> names) {
    return names.isEmpty() ? registry.scrape() : registry.scrape(TEXT_FORMAT, names);
  }

  @Override
  public void record(String outcome) {
    meter(
            "webhook|" + outcome,
            () ->
                Counter.builder("bridge.webhook.requests")
                    .tag("outcome", outcome)
                    .description("OpenAI webhook deliveries by outcome")
                    .register(registry))
        .increment();
  }

  @Override
  public void dropped(String reason) {
    meter(
            "dropped|" + reason,
            () ->
                Counter.builder("bridge.http.clients.dropped")
                    .tag("reason", reason)
                    .description("HTTP clients dropped for breaking a limit")
                    .register(registry))
        .increment();
  }

  @Override
  public void accepted(Duration sinceWebhook) {
    acceptLatency.record(sinceWebhook);
  }

  @Override
  public void socketOpened(Duration sinceAccept, boolean reattach) {
    meter(
            "socket|" + reattach,
            () ->
                Timer.builder("bridge.socket.open.latency")
                    .tag("reattach", String.valueOf(reattach))
                    .description("Accept until the call's realtime socket opened")
                    .publishPercentileHistogram()
                    .register(registry))
        .record(sinceAccept);
  }

  @Override
  public void callEnded(EndReason reason, Duration duration) {
    meter(
            "ended|" + reason,
            () ->
                Counter.builder("bridge.calls.ended")
                    .tag("reason", label(reason.name()))
                    .description("Calls by end reason")
                    .register(registry))
        .increment();
    if (!duration.isZero()) {
      callDuration.record(duration);
    }
  }

  /** Lines, tool runs and token usage come from the calls' event stream. */
  @Override
  public void onEvent(CallEvent event) {
    if (event instanceof CallEvent.Line line) {
      lines.get(line.line().speaker()).increment();
    } else if (event instanceof CallEvent.ToolRun run) {
      toolRan(run.name(), run.outcome(), run.took());
    } else if (event instanceof CallEvent.Usage usage) {
      tokens(usage.inputText(), usage.inputAudio(), usage.outputText(), usage.outputAudio());
    }
  }

  /**
   * @param outcome a {@link dev.sipbridge.core.tool.ToolOutcome} label
   */
  private void toolRan(String tool, String outcome, Duration took) {
    String name = tool.isEmpty() ? "none" : tool;
    meter(
            "tool|" + name + "|" + outcome,
            () ->
                Timer.builder("bridge.tool.calls")
                    .tag("tool", name)
                    .tag("outcome", outcome)
                    .description("Tool calls by tool and outcome")
                    .register(registry))
        .record(took);
  }

  @Override
  public void realtimeError(String code) {
    meter(
            "error|" + code,
            () ->
                Counter.builder("bridge.realtime.errors")
                    .tag("code", code)
                    .description("Realtime error events by code")
                    .register(registry))
        .increment();
  }

  private void tokens(long inputText, long inputAudio, long outputText, long outputAudio) {
    tokenCounters[0].increment(inputText);
    tokenCounters[1].increment(inputAudio);
    tokenCounters[2].increment(outputText);
    tokenCounters[3].increment(outputAudio);
    responseTokens.record((double) inputText + inputAudio + outputText + outputAudio);
  }

  @Override
  public void callTokens(long input, long output) {
    callTokens("input", input);
    callTokens("output", output);
  }

  private void callTokens(String direction, long n) {
    meter(
            "calltokens|" + direction,
            () ->
                DistributionSummary.builder("bridge.call.tokens")
                    .tag("direction", direction)
                    .description("Model tokens used by one whole call (its cost)")
                    .publishPercentileHistogram()
                    .register(registry))
        .record(n);
  }

  @Override
  public void delivered(String sink, Duration latency) {
    meter(
            "delivered|" + sink,
            () ->
                Timer.builder("bridge.sink.delivery.latency")
                    .tag("sink", sink)
                    .description("Line emitted until the sink delivered it")
                    .publishPercentileHistogram()
                    .register(registry))
        .record(latency);
  }

  @Override
  public void retried(String sink) {
    meter(
            "retried|" + sink,
            () ->
                Counter.builder("bridge.sink.retries")
                    .tag("sink", sink)
                    .description("Sink requests retried")
                    .register(registry))
        .increment();
  }

  @Override
  public void gaveUp(String sink, int count) {
    meter(
            "gaveup|" + sink,
            () ->
                Counter.builder("bridge.sink.lines.given.up")
                    .tag("sink", sink)
                    .description("Lines a sink gave up on")
                    .register(registry))
        .increment(count);
  }

  @SuppressWarnings("unchecked")
  private <T extends Meter> T meter(String key, Supplier<T> create) {
    return (T) meters.computeIfAbsent(key, k -> create.get());
  }

  private static String label(String enumName) {
    return enumName.toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
