package dev.sipbridge.core.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A point in time on the bridge's clock to wait for. It is also bounded in real time by the same
 * duration, so a clock that does not move (a test's fake) still lets it pass; that bound is
 * measured with {@link System#nanoTime}, the JDK's clock for elapsed time.
 */
final class Deadline {
  private final Clock clock;
  private final Instant end;
  private final long realEndNanos;

  private Deadline(Clock clock, Duration after) {
    this.clock = clock;
    this.end = clock.instant().plus(after);
    this.realEndNanos = System.nanoTime() + after.toNanos();
  }

  /** {@code after} from now on {@code clock}. */
  static Deadline after(Clock clock, Duration after) {
    return new Deadline(clock, after);
  }

  /** What is left until the deadline; zero once it has passed. */
  Duration left() {
    long nanos =
        Math.min(
            Duration.between(clock.instant(), end).toNanos(), realEndNanos - System.nanoTime());
    return Duration.ofNanos(Math.max(0, nanos));
  }

  /**
   * Waits on {@code monitor} until {@code done} holds or the deadline passes. The caller holds
   * {@code monitor}'s lock; whoever makes {@code done} true notifies {@code monitor}.
   *
   * @return whether {@code done} holds
   */
  boolean await(Object monitor, BooleanSupplier done) {
    while (!done.getAsBoolean()) {
      long waitNanos = left().toNanos();
      if (waitNanos <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(monitor, waitNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
