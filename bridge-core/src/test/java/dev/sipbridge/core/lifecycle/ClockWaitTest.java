package dev.sipbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.fake.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClockWaitTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Object monitor = new Object();

  @Test
  void clockThatNeverMoves_stillEndsTheWait_afterTheDurationInRealTime() {
    FakeClock clock = new FakeClock(T0);

    boolean done;
    synchronized (monitor) {
      done = ClockWait.await(monitor, () -> false, clock, T0.plusSeconds(3600),
          Duration.ofMillis(50));
    }

    assertThat(done).isFalse();
  }

  @Test
  void deadlinePassedOnTheClock_endsTheWaitAtOnce() {
    FakeClock clock = new FakeClock(T0);
    clock.advance(Duration.ofSeconds(2));

    boolean done;
    synchronized (monitor) {
      done = ClockWait.await(monitor, () -> false, clock, T0.plusSeconds(1), Duration.ofHours(1));
    }

    assertThat(done).isFalse();
  }

  @Test
  void conditionMadeTrueAndNotified_endsTheWait() throws Exception {
    FakeClock clock = new FakeClock(T0);
    AtomicBoolean ready = new AtomicBoolean();
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      synchronized (monitor) {
        return ClockWait.await(monitor, ready::get, clock, T0.plusSeconds(3600),
            Duration.ofMinutes(5));
      }
    });

    synchronized (monitor) {
      ready.set(true);
      monitor.notifyAll();
    }

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
  }
}
