package dev.sipbridge.discord;

/**
 * The sustained per-channel budget: a token bucket of {@code burst} posts that refills one post per
 * interval. After a quiet spell it lets {@code burst} posts go back to back, so a lone line, a
 * split line or a short exchange never waits; only load that lasts is held to one post per
 * interval. It exists because Discord's per-channel limit (about 30 messages a minute) is not in
 * its headers: with {@code burst + 60 s / interval <= 30} no minute ever holds more than 30 posts.
 * Times are {@link System#nanoTime()} values passed in. Confined to the sender's thread.
 */
final class ChannelBudget {
  private final int burst;
  private final long intervalNanos;
  private double tokens;
  private long refilledAt;

  /** {@code intervalNanos} 0 makes a budget that never waits. */
  ChannelBudget(int burst, long intervalNanos, long nowNanos) {
    this.burst = burst;
    this.intervalNanos = intervalNanos;
    this.tokens = burst;
    this.refilledAt = nowNanos;
  }

  /** Nanoseconds until one post fits the budget, 0 when it fits now. */
  long waitNanos(long nowNanos) {
    if (intervalNanos == 0) {
      return 0;
    }
    refill(nowNanos);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * intervalNanos);
  }

  /** How many posts fit now, {@link Integer#MAX_VALUE} without a budget. */
  int available(long nowNanos) {
    if (intervalNanos == 0) {
      return Integer.MAX_VALUE;
    }
    refill(nowNanos);
    return (int) tokens;
  }

  /** A post was made. */
  void spend(long nowNanos) {
    if (intervalNanos == 0) {
      return;
    }
    refill(nowNanos);
    tokens = Math.max(0, tokens - 1);
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + (double) elapsed / intervalNanos);
      refilledAt = nowNanos;
    }
  }
}
