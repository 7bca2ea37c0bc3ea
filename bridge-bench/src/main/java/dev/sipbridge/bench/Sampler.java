package dev.sipbridge.bench;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Samples the bridge's RSS (every 250 ms) and heap (every second) at the highest number of live
 * calls. RSS is the latest sample at that peak. Heap in use swings with every collection (garbage
 * counts until collected), so the heap figure is the lowest sample while within 5% of the peak: the
 * level right after a collection, which is what the live calls hold. Sampling runs on one thread.
 */
final class Sampler {
  private final BridgeProcess bridge;
  private final IntSupplier live;
  private ScheduledFuture<?> task;
  private long ticks;
  private volatile int peakLive = -1;
  private volatile long rss;
  private volatile long heap = -1;
  private volatile int threads = -1;
  private int heapPeak = -1; // the live count the heap minimum belongs to

  Sampler(BridgeProcess bridge, IntSupplier live) {
    this.bridge = bridge;
    this.live = live;
  }

  /**
   * A bridge without calls: RSS as it is, heap right after a collection ({@code jcmd GC.run}, when
   * the JDK has jcmd; nothing is live then, so no call notices).
   */
  static Sampler idle(BridgeProcess bridge) throws InterruptedException {
    Sampler s = new Sampler(bridge, () -> 0);
    s.sample(false);
    bridge.collectGarbage();
    s.heap = bridge.heapUsedBytes();
    return s;
  }

  void start(ScheduledExecutorService timer) {
    // heap comes from a /metrics scrape of one metric, which still costs the bridge some CPU
    task = timer.scheduleAtFixedRate(() -> sample(ticks++ % 4 == 0), 0, 250, TimeUnit.MILLISECONDS);
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

  /** Most threads the bridge had in any sample. */
  int peakThreads() {
    return threads;
  }

  private void sample(boolean withHeap) {
    threads = Math.max(threads, bridge.threads());
    int now = live.getAsInt();
    if (now >= peakLive) {
      peakLive = now;
      rss = bridge.rssBytes();
    }
    if (withHeap && now >= peakLive * 0.95) {
      long h = bridge.heapUsedBytes();
      if (heapPeak < 0 || now > heapPeak * 1.05) {
        heap = h; // a new plateau: start over
        heapPeak = now;
      } else if (h >= 0 && h < heap) {
        heap = h;
      }
    }
  }
}
