package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.store.StoreEvents.T0;
import static dev.sipbridge.core.store.StoreEvents.started;
import static dev.sipbridge.core.store.StoreEvents.wholeCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.fake.FakeCallStore;
import dev.sipbridge.core.fake.FakeClock;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.store.CallPage;
import dev.sipbridge.core.store.CallQuery;
import dev.sipbridge.core.store.CallRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The daily purge is scheduled from the instant it purged for, not from the clock read after the
 * purge: time that passes during a purge must not push the next one out by as much.
 */
class CallRecorderPurgeScheduleTest {
  private final FakeClock clock = new FakeClock(T0.plus(Duration.ofDays(100)));
  private final FakeCallStore store = new FakeCallStore();
  private final AtomicBoolean purgedOnce = new AtomicBoolean();

  @Test
  void timePassingDuringThePurge_doesNotPostponeTheNextPurge() {
    store.write(wholeCall("rtc_recent", clock.instant().minus(Duration.ofDays(10)), 1));
    // Three weeks pass while the first purge runs (a slow database, a paused process).
    CallStore slowPurge = new Delegating(store) {
      @Override
      public int purgeBefore(Instant cutoff) {
        int n = super.purgeBefore(cutoff);
        if (purgedOnce.compareAndSet(false, true)) {
          clock.advance(Duration.ofDays(21));
        }
        return n;
      }
    };
    CallRecorder recorder = CallRecorder.start(slowPurge, CallRecorder.Settings.defaults()
        .withRetention(Optional.of(Duration.ofDays(30))), clock);
    try {
      await().until(purgedOnce::get);

      recorder.onEvent(started("rtc_wake", clock.instant()));

      await().until(() -> store.find(new CallId("rtc_recent")).isEmpty());
      assertThat(store.find(new CallId("rtc_wake"))).isPresent();
    } finally {
      recorder.close();
    }
  }

  /** A store that hands every call to another. */
  private static class Delegating implements CallStore {
    private final CallStore target;

    Delegating(CallStore target) {
      this.target = target;
    }

    @Override
    public void write(List<CallEvent> events) {
      target.write(events);
    }

    @Override
    public Optional<CallRecord> find(CallId id) {
      return target.find(id);
    }

    @Override
    public CallPage search(CallQuery query) {
      return target.search(query);
    }

    @Override
    public int closeOutUnfinished(Instant at, String endReason) {
      return target.closeOutUnfinished(at, endReason);
    }

    @Override
    public int purgeBefore(Instant cutoff) {
      return target.purgeBefore(cutoff);
    }
  }
}
