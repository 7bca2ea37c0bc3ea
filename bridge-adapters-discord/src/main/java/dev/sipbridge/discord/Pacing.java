package dev.sipbridge.discord;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When the sender may send next: the webhook's bucket (a sink serves one webhook and one route,
 * so one bucket), rate-limit pauses, backoff after failures and the minimum interval. Times are
 * {@link System#nanoTime()}. Confined to the sender's thread.
 */
final class Pacing {
  /** Added to Discord's waits: its numbers are rounded and our clock is not its clock. */
  static final Duration MARGIN = Duration.ofMillis(50);

  private final long minIntervalNanos;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private long notBefore = System.nanoTime();

  Pacing(DiscordSettings settings) {
    this.minIntervalNanos = settings.minInterval().toNanos();
    this.initialBackoffNanos = settings.initialBackoff().toNanos();
    this.maxBackoffNanos = settings.maxBackoff().toNanos();
  }

  /** Nanoseconds until the next request may go, 0 when it may go now. */
  long delayNanos() {
    return Math.max(0, notBefore - System.nanoTime());
  }

  /** A request was answered: keep the minimum interval, and wait for an exhausted bucket. */
  void answered(Reply reply) {
    long now = System.nanoTime();
    notBefore = Math.max(notBefore, now + minIntervalNanos);
    if (!reply.bucketWait().isZero()) {
      pause(reply.bucketWait().plus(MARGIN));
    }
  }

  /** Sends nothing for {@code d} from now (longer pauses already in place stay). */
  void pause(Duration d) {
    notBefore = Math.max(notBefore, System.nanoTime() + d.toNanos());
  }

  /**
   * Exponential backoff with jitter for the {@code attempt}-th failure in a row (1-based): the
   * doubled base capped at the maximum, of which a random half is waited on top of the other half.
   */
  Duration backoff(int attempt) {
    long base = initialBackoffNanos;
    for (int i = 1; i < attempt && base < maxBackoffNanos; i++) {
      base *= 2;
    }
    base = Math.min(base, maxBackoffNanos);
    long half = base / 2;
    return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(base - half + 1));
  }
}
