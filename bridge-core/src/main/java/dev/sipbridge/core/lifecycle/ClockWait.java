package dev.sipbridge.core.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits on a monitor for a condition, with the deadline on the bridge's clock. Each wait is also
 * bounded in real time by what is left of {@code most}, so a clock that does not move (a test's
 * fake) still ends the wait; the real-time bound is measured with {@link System#nanoTime}, the
 * JDK's clock for elapsed time.
 */
final class ClockWait {
  private ClockWait() {}

  /**
   * Waits until {@code done} holds, {@code end} has passed on {@code clock}, or {@code most} has
   * passed in real time. The caller holds {@code monitor}'s lock; whoever makes {@code done} true
   * notifies {@code monitor}.
   *
   * @return whether {@code done} holds
   */
  static boolean await(Object monitor, BooleanSupplier done, Clock clock, Instant end,
      Duration most) {
    long realNanosLeft = most.toNanos();
    while (!done.getAsBoolean()) {
      long waitNanos = Math.min(Duration.between(clock.instant(), end).toNanos(), realNanosLeft);
      if (waitNanos <= 0) {
        return false;
      }
      long start = System.nanoTime();
      try {
        TimeUnit.NANOSECONDS.timedWait(monitor, waitNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      realNanosLeft -= System.nanoTime() - start;
    }
    return true;
  }
}
