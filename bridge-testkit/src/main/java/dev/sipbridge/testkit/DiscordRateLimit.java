package dev.sipbridge.testkit;

import java.time.Duration;

/**
 * Discord's per-webhook bucket (reference Part B2): {@code max} posts, then 429 until the window
 * that began with the first post runs out. Thread-safe.
 */
final class DiscordRateLimit {
  /** The outcome of one post: allowed or not, and the bucket state to report in headers. */
  record Decision(boolean allowed, int limit, int remaining, double resetAfterSeconds) {}

  private final int max;
  private final long windowNanos;
  private long resetAt;
  private int used;

  DiscordRateLimit(int max, Duration window) {
    if (max < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "rate limit needs max >= 1 and a positive window, was: " + max + " / " + window);
    }
    this.max = max;
    this.windowNanos = window.toNanos();
  }

  /** Counts one post at {@code nowNanos} ({@link System#nanoTime()}). */
  synchronized Decision acquire(long nowNanos) {
    if (used == 0 || nowNanos - resetAt >= 0) {
      used = 0;
      resetAt = nowNanos + windowNanos;
    }
    double resetAfter = Math.max(0, resetAt - nowNanos) / 1e9;
    if (used >= max) {
      return new Decision(false, max, 0, resetAfter);
    }
    used++;
    return new Decision(true, max, max - used, resetAfter);
  }
}
