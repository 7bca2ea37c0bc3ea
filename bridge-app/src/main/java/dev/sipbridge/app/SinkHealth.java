package dev.sipbridge.app;

import dev.sipbridge.discord.DiscordTranscriptSink;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The health of the sinks that report it (the Discord sink), for {@code /metrics} (gauges {@code
 * bridge_sink_healthy}, {@code bridge_sink_paused_seconds}, {@code bridge_sink_queued}, counter
 * {@code bridge_sink_queue_full_dropped_total}) and for {@code /ready}'s body. A paused or failing
 * sink never makes {@code /ready} answer 503: restarting the bridge would not make Discord take
 * posts sooner, and it would cut live calls.
 */
final class SinkHealth {
  private final Map<String, Supplier<DiscordTranscriptSink.Health>> sinks =
      new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  SinkHealth(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Publishes {@code sink}'s health as metrics and in {@link #report()}. */
  void add(String sink, Supplier<DiscordTranscriptSink.Health> health) {
    sinks.put(sink, health);
    Gauge.builder("bridge.sink.healthy", () -> health.get().healthy() ? 1 : 0)
        .tag("sink", sink)
        .description("1 while the sink delivers normally, 0 while paused, failing or stopped")
        .register(registry);
    Gauge.builder("bridge.sink.paused.seconds", () -> pauseLeft(health.get()))
        .tag("sink", sink)
        .description("Seconds left of the pause the sink's service asked for (0: none)")
        .register(registry);
    Gauge.builder("bridge.sink.queued", () -> health.get().queued())
        .tag("sink", sink)
        .description("Messages waiting in the sink's queue or being sent")
        .register(registry);
    FunctionCounter.builder(
            "bridge.sink.queue.full.dropped", health, h -> h.get().droppedQueueFull())
        .tag("sink", sink)
        .description("Messages dropped because the sink's queue was full")
        .register(registry);
  }

  /** {@code {"discord": {"healthy": true, "state": "ok", "queued": 0, ...}}}. */
  Map<String, Object> report() {
    Map<String, Object> all = new LinkedHashMap<>();
    sinks.forEach(
        (name, health) -> {
          DiscordTranscriptSink.Health h = health.get();
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("healthy", h.healthy());
          one.put("state", h.state());
          h.pausedUntil().ifPresent(until -> one.put("pausedUntil", until.toString()));
          one.put("queued", h.queued());
          one.put("droppedQueueFull", h.droppedQueueFull());
          all.put(name, one);
        });
    return all;
  }

  private static double pauseLeft(DiscordTranscriptSink.Health h) {
    return h.pausedUntil()
        .map(u -> Math.max(0, Duration.between(Instant.now(), u).toMillis()) / 1000.0)
        .orElse(0.0);
  }
}
