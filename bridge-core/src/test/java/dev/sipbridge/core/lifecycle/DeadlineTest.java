package dev.sipbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.fake.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Object monitor = new Object();

  @Test
  void clockThatNeverMoves_stillLetsTheDeadlinePass_inRealTime() {
    Deadline deadline = Deadline.after(new FakeClock(T0), Duration.ofMillis(50));

    boolean done;
    synchronized (monitor) {
      done = deadline.await(monitor, () -> false);
    }

    assertThat(done).isFalse();
    assertThat(deadline.left()).isZero();
  }

  @Test
  void deadlinePassedOnTheClock_endsTheWaitAtOnce() {
    FakeClock clock = new FakeClock(T0);
    Deadline deadline = Deadline.after(clock, Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(2));

    boolean done;
    synchronized (monitor) {
      done = deadline.await(monitor, () -> false);
    }

    assertThat(done).isFalse();
    assertThat(deadline.left()).isZero();
  }

  @Test
  void left_isMeasuredOnTheClock() {
    FakeClock clock = new FakeClock(T0);
    Deadline deadline = Deadline.after(clock, Duration.ofHours(1));

    clock.advance(Duration.ofMinutes(45));

    assertThat(deadline.left()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void conditionMadeTrueAndNotified_endsTheWait() throws Exception {
    Deadline deadline = Deadline.after(new FakeClock(T0), Duration.ofMinutes(5));
    AtomicBoolean ready = new AtomicBoolean();
    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              synchronized (monitor) {
                return deadline.await(monitor, ready::get);
              }
            });

    synchronized (monitor) {
      ready.set(true);
      monitor.notifyAll();
    }

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
  }
}
