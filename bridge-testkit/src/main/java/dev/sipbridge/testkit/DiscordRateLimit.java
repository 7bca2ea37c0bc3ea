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
  private long announcedReset;
  private boolean announced;
  private int premature;

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
    if (announced && nowNanos - announcedReset < 0) {
      premature++;
    }
    if (used == 0 || nowNanos - resetAt >= 0) {
      used = 0;
      resetAt = nowNanos + windowNanos;
    }
    double resetAfter = Math.max(0, resetAt - nowNanos) / 1e9;
    if (used >= max) {
      announced = true;
      announcedReset = resetAt;
      return new Decision(false, max, 0, resetAfter);
    }
    used++;
    return new Decision(true, max, max - used, resetAfter);
  }

  /** Posts that came before the reset a 429 had announced. */
  synchronized int premature() {
    return premature;
  }

  /** A window under a second is a test's scaled-down one. */
  boolean subSecond() {
    return windowNanos < 1_000_000_000L;
  }
}
