package dev.sipbridge.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the bridge says about itself between two {@code /metrics} scrapes: its own accept latency
 * (webhook received → OpenAI answered; the histogram's bucket bound at the percentile, an upper
 * bound) and its collector's pauses. Separates the bridge's share of the driver's latencies from
 * the driver's own.
 */
final class BridgeView {
  private static final String ACCEPT_BUCKET = "bridge_accept_latency_seconds_bucket{le=\"";
  private static final String GC_PAUSE_SUM = "jvm_gc_pause_seconds_sum{";
  private static final String GC_PAUSE_COUNT = "jvm_gc_pause_seconds_count{";

  private final Map<String, Double> before;
  private final Map<String, Double> after;

  BridgeView(Map<String, Double> before, Map<String, Double> after) {
    this.before = before;
    this.after = after;
  }

  /** Prometheus text as {@code name{labels}} → value; comments and unreadable lines skipped. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> samples = new TreeMap<>();
    for (String line : text.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (line.startsWith("#") || space < 1) {
        continue;
      }
      try {
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException e) {
        // not a sample
      }
    }
    return samples;
  }

  /** The accept latency in ms at {@code percentile}, or -1 when no call was accepted between. */
  double acceptMs(double percentile) {
    TreeMap<Double, Double> cumulative = new TreeMap<>();
    after.forEach(
        (key, value) -> {
          if (key.startsWith(ACCEPT_BUCKET)) {
            int start = ACCEPT_BUCKET.length();
            String bound = key.substring(start, key.indexOf('"', start));
            double le = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            cumulative.put(le, value - before.getOrDefault(key, 0.0));
          }
        });
    double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    if (total <= 0) {
      return -1;
    }
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= total * percentile / 100) {
        return bucket.getKey() * 1000;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Milliseconds the collector paused the bridge between the scrapes. */
  double gcPauseMs() {
    return 1000 * delta(GC_PAUSE_SUM);
  }

  /** Pauses between the scrapes. */
  long gcPauses() {
    return Math.round(delta(GC_PAUSE_COUNT));
  }

  private double delta(String prefix) {
    double sum = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      }
    }
    return sum;
  }
}
