package dev.sipbridge.app.bench;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Samples the bridge's RSS (every 250 ms) and heap (every 500 ms) and keeps the figures taken at
 * the highest number of live calls (the latest sample at that peak). Sampling runs on one thread.
 */
final class Sampler {
  private final BridgeProcess bridge;
  private final IntSupplier live;
  private ScheduledFuture<?> task;
  private long ticks;
  private volatile int peakLive = -1;
  private volatile long rss;
  private volatile long heap = -1;

  Sampler(BridgeProcess bridge, IntSupplier live) {
    this.bridge = bridge;
    this.live = live;
  }

  /** One sample of a bridge without calls. */
  static Sampler idle(BridgeProcess bridge) {
    Sampler s = new Sampler(bridge, () -> 0);
    s.sample(true);
    return s;
  }

  void start(ScheduledExecutorService timer) {
    task = timer.scheduleAtFixedRate(() -> sample(ticks++ % 2 == 0), 0, 250,
        TimeUnit.MILLISECONDS);
  }

  void stop() {
    task.cancel(false);
  }

  int peakLive() {
    return Math.max(0, peakLive);
  }

  long rssBytes() {
    return rss;
  }

  /** Heap in use at the peak, -1 when it could not be read. */
  long heapBytes() {
    return heap;
  }

  private void sample(boolean withHeap) {
    int now = live.getAsInt();
    if (now < peakLive) {
      return;
    }
    long r = bridge.rssBytes();
    long h = withHeap || heap < 0 ? bridge.heapUsedBytes() : heap;
    if (now > peakLive || withHeap) {
      heap = h;
    }
    peakLive = now;
    rss = r;
  }
}
