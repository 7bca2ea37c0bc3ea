package dev.sipbridge.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds; percentiles by nearest rank. Thread-safe. */
final class Samples {
  private long[] values = new long[256];
  private int count;

  synchronized void add(long nanos) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = nanos;
  }

  synchronized int count() {
    return count;
  }

  /** The {@code p}-th percentile (0 &lt; p &lt;= 100) in milliseconds; NaN without samples. */
  synchronized double percentileMs(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
  }

  double maxMs() {
    return percentileMs(100);
  }
}
