package dev.sipbridge.discord;

import dev.sipbridge.core.port.DeliveryObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the sink reports; checks every report names the sink. Thread-safe. */
final class RecordingObserver implements DeliveryObserver {
  final List<Duration> latencies = new CopyOnWriteArrayList<>();
  final AtomicInteger retried = new AtomicInteger();
  final AtomicInteger gaveUp = new AtomicInteger();
  final List<String> sinkNames = new CopyOnWriteArrayList<>();

  @Override
  public void delivered(String sink, Duration latency) {
    sinkNames.add(sink);
    latencies.add(latency);
  }

  @Override
  public void retried(String sink) {
    sinkNames.add(sink);
    retried.incrementAndGet();
  }

  @Override
  public void gaveUp(String sink, int lines) {
    sinkNames.add(sink);
    gaveUp.addAndGet(lines);
  }

  int delivered() {
    return latencies.size();
  }
}
