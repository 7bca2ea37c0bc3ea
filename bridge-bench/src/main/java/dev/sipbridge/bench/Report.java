package dev.sipbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The benchmark's one JSON line. Field names carry their unit. */
final class Report {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double MIB = 1024.0 * 1024.0;

  private Report() {}

  static ObjectNode of(
      BenchOptions o,
      CallDriver.Result r,
      Sampler coldIdle,
      Sampler idle,
      Sampler peak,
      double cpuSeconds,
      double seconds,
      long readyNanos) {
    ObjectNode root = JSON.createObjectNode();
    root.put("calls", o.calls())
        .put("concurrency", o.concurrency())
        .put("rate_per_s", o.rate())
        .put("turns", o.turns())
        .put("event_delay_ms", o.eventDelayMs())
        .put("seed", o.seed())
        .put("warmup_calls", o.warmup())
        .put("cold", o.warmup() == 0)
        .put("driver_warmup_calls", o.driverWarmup())
        .put("cds", o.cds());
    o.command().ifPresent(c -> root.put("cmd", c));
    ObjectNode accept = root.putObject("webhook_to_accept_ms");
    accept
        .put("p50", round(r.webhookToAccept.percentileMs(50)))
        .put("p95", round(r.webhookToAccept.percentileMs(95)))
        .put("p99", round(r.webhookToAccept.percentileMs(99)))
        .put("max", round(r.webhookToAccept.maxMs()))
        .put("first_minute_p99", round(r.webhookToAcceptFirstMinute.percentileMs(99)));
    // p99 and max of each 5 s of the run, by when the webhook was sent: where the tail sits
    ArrayNode byWindow = accept.putArray("by_5s");
    r.webhookToAcceptByWindow.forEach(
        (window, samples) ->
            byWindow
                .addObject()
                .put("from_s", window * CallDriver.WINDOW_NANOS / 1_000_000_000L)
                .put("calls", samples.count())
                .put("p99", round(samples.percentileMs(99)))
                .put("max", round(samples.maxMs())));
    root.putObject("webhook_response_ms")
        .put("p50", round(r.webhookResponse.percentileMs(50)))
        .put("p99", round(r.webhookResponse.percentileMs(99)));
    root.putObject("completion_to_sink_ms")
        .put("p50", round(r.completionToSink.percentileMs(50)))
        .put("p99", round(r.completionToSink.percentileMs(99)));
    long expected = r.linesExpected.get();
    long delivered = r.linesDelivered.get();
    root.put("lines_expected", expected)
        .put("lines_delivered", delivered)
        .put("webhooks_failed", r.webhooksFailed.get())
        .put("calls_failed", r.callsFailed.get());
    int live = peak.peakLive();
    root.put("peak_live_calls", live)
        .put("rss_cold_idle_mib", round(coldIdle.rssBytes() / MIB))
        .put("rss_idle_mib", round(idle.rssBytes() / MIB))
        .put("rss_peak_mib", round(peak.rssBytes() / MIB))
        .put("rss_per_live_call_kib", perCall(peak.rssBytes() - idle.rssBytes(), live))
        .put("threads_idle", idle.peakThreads())
        .put("threads_peak", peak.peakThreads())
        .put("heap_idle_mib", round(idle.heapBytes() / MIB))
        .put("heap_peak_mib", round(peak.heapBytes() / MIB))
        .put("heap_per_live_call_kib", perCall(peak.heapBytes() - idle.heapBytes(), live));
    long events = r.events.get();
    root.put("events", events)
        .put("events_per_s", round(events / seconds))
        .put("bridge_cpu_s", round(cpuSeconds))
        .put("cpu_s_per_1000_events", round(events == 0 ? 0 : cpuSeconds * 1000 / events))
        .put("cpu_us_per_event", round(events == 0 ? 0 : cpuSeconds * 1e6 / events))
        .put("ready_ms", round(readyNanos / 1e6))
        .put("load_s", round(seconds));
    root.put(
        "ok", r.webhooksFailed.get() == 0 && r.callsFailed.get() == 0 && delivered == expected);
    return root;
  }

  private static double perCall(long bytes, int live) {
    return live == 0 ? 0 : round(bytes / 1024.0 / live);
  }

  private static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : -1;
  }
}
