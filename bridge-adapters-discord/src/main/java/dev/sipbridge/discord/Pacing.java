package dev.sipbridge.discord;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When the sender may send next. Four things can hold it back, and nothing else: the webhook's
 * bucket as Discord's headers describe it (a sink serves one webhook and one route, so one bucket:
 * posts go back to back while {@code X-RateLimit-Remaining} is above 0), a pause Discord asked for
 * (429) or a backoff after failures, and the sustained {@link ChannelBudget}. Every wait is capped
 * at {@link DiscordSettings#maxPause()}. While the sink drains for shutdown the budget is set
 * aside: only Discord's own limits count then. Times are {@link System#nanoTime()}. Confined to the
 * sender's thread, except {@link #drain()}.
 */
final class Pacing {
  /** Added to Discord's waits: its numbers are rounded and our clock is not its clock. */
  static final Duration MARGIN = Duration.ofMillis(50);

  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final long maxPauseNanos;
  private final ChannelBudget budget;
  private volatile boolean draining;
  private long pausedUntil = System.nanoTime();
  private int bucketLimit = -1;
  private int bucketRemaining = -1;
  private long bucketResetAt;

  Pacing(DiscordSettings settings) {
    this.initialBackoffNanos = settings.initialBackoff().toNanos();
    this.maxBackoffNanos = settings.maxBackoff().toNanos();
    this.maxPauseNanos = settings.maxPause().toNanos();
    this.budget =
        new ChannelBudget(settings.burst(), settings.minInterval().toNanos(), System.nanoTime());
  }

  /** From now on only Discord's own limits count (shutdown). Safe from any thread. */
  void drain() {
    draining = true;
  }

  boolean draining() {
    return draining;
  }

  /** Nanoseconds until the next request may go, 0 when it may go now. */
  long delayNanos() {
    long now = System.nanoTime();
    long wait = Math.max(pausedUntil - now, bucketEmpty(now) ? bucketResetAt - now : 0);
    if (!draining) {
      wait = Math.max(wait, budget.waitNanos(now));
    }
    return Math.max(0, wait);
  }

  /**
   * How many requests may go right now without any wait: 0 while paused, else the fewer of the
   * bucket's remaining requests (its limit once it has reset) and the budget's tokens ({@link
   * Integer#MAX_VALUE} when neither limits). More messages queued than this is a real backlog.
   */
  int allowance() {
    long now = System.nanoTime();
    if (pausedUntil - now > 0) {
      return 0;
    }
    int bucket =
        bucketRemaining < 0
            ? Integer.MAX_VALUE
            : bucketResetAt - now > 0
                ? bucketRemaining
                : bucketLimit > 0 ? bucketLimit : Integer.MAX_VALUE;
    return draining ? bucket : Math.min(bucket, budget.available(now));
  }

  /** A request was answered: note the bucket, and spend the budget when a message was made. */
  void answered(Reply reply) {
    long now = System.nanoTime();
    if (reply.remaining() >= 0) {
      bucketLimit = reply.limit();
      bucketRemaining = reply.remaining();
      bucketResetAt = now + cap(reply.resetAfter().plus(MARGIN).toNanos());
    }
    if (reply.kind() == Reply.Kind.DELIVERED) {
      budget.spend(now);
    }
  }

  /**
   * Sends nothing for {@code d} from now, capped at the longest single wait (longer pauses already
   * in place stay, within that cap).
   *
   * @return the pause applied
   */
  Duration pause(Duration d) {
    long nanos = cap(d.toNanos());
    pausedUntil = Math.max(pausedUntil, System.nanoTime() + nanos);
    return Duration.ofNanos(nanos);
  }

  /** Whether {@code d} is over the longest single wait. */
  boolean capped(Duration d) {
    return d.toNanos() > maxPauseNanos;
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

  private boolean bucketEmpty(long now) {
    return bucketRemaining == 0 && bucketResetAt - now > 0;
  }

  private long cap(long nanos) {
    return Math.min(Math.max(0, nanos), maxPauseNanos);
  }
}
