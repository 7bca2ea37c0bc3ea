package dev.sipbridge.core.port;

import java.time.Duration;

/**
 * Told how a sink's deliveries go, for metrics. Implementations must be cheap and thread-safe;
 * sinks call it from their own threads.
 */
public interface DeliveryObserver {
  /** A line reached its destination {@code latency} after it was emitted. */
  void delivered(String sink, Duration latency);

  /** A request was retried (429, 5xx, network). */
  void retried(String sink);

  /** {@code lines} lines were given up for good. */
  void gaveUp(String sink, int lines);

  /** Observes nothing. */
  DeliveryObserver NONE =
      new DeliveryObserver() {
        @Override
        public void delivered(String sink, Duration latency) {}

        @Override
        public void retried(String sink) {}

        @Override
        public void gaveUp(String sink, int lines) {}
      };
}
