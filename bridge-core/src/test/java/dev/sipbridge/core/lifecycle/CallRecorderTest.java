package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.store.StoreEvents.T0;
import static dev.sipbridge.core.store.StoreEvents.line;
import static dev.sipbridge.core.store.StoreEvents.started;
import static dev.sipbridge.core.store.StoreEvents.wholeCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.fake.FakeCallStore;
import dev.sipbridge.core.fake.FakeClock;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.store.CallPage;
import dev.sipbridge.core.store.CallQuery;
import dev.sipbridge.core.store.CallRecord;
import dev.sipbridge.core.store.CallRecord.RecordedLine;
import dev.sipbridge.core.transcript.Speaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallRecorderTest {
  private static final CallRecorder.Settings QUICK =
      CallRecorder.Settings.defaults()
          .withRetries(Duration.ofMillis(5), Duration.ofMillis(20))
          .withFlushDeadline(Duration.ofSeconds(2));

  private final FakeClock clock = new FakeClock(T0.plus(Duration.ofDays(100)));
  private final FakeCallStore store = new FakeCallStore();
  private final List<CallRecorder> recorders = new ArrayList<>();

  @AfterEach
  void close() {
    recorders.forEach(CallRecorder::close);
  }

  @Test
  void events_areWrittenInBatchesAndTheCallIsFound() {
    CallRecorder recorder = start(store, QUICK);

    wholeCall("rtc_1", T0, 6).forEach(recorder::onEvent);

    CallRecord call = awaitEnded(store, "rtc_1");
    assertThat(call.lines())
        .extracting(RecordedLine::text)
        .containsExactly("line 1", "line 2", "line 3", "line 4", "line 5", "line 6");
    assertThat(call.endReason()).contains("CALLER_HUNG_UP");
    assertThat(store.writes()).isLessThanOrEqualTo(wholeCall("rtc_1", T0, 6).size());
    assertThat(recorder.written()).isEqualTo(11);
    assertThat(recorder.backlog()).isZero();
  }

  @Test
  void storeDown_eventsWaitAndAreRetried_thenTheStoreCatchesUpInOrder() {
    CallRecorder recorder = start(store, QUICK);
    store.failing(true);

    wholeCall("rtc_1", T0, 40).forEach(recorder::onEvent);

    await().until(() -> recorder.retries() >= 3);
    assertThat(recorder.backlog()).isEqualTo(45);
    assertThat(recorder.dropped()).isZero();

    store.failing(false);

    CallRecord call = awaitEnded(store, "rtc_1");
    assertThat(call.lines()).hasSize(40);
    assertThat(call.lines()).extracting(RecordedLine::sequence).isSorted();
    await().until(() -> recorder.backlog() == 0);
    assertThat(recorder.written()).isEqualTo(45);
    assertThat(recorder.givenUp()).isZero();
  }

  @Test
  void backlogFull_onEventNeverBlocks_theRestIsDroppedAndCounted() {
    store.failing(true);
    CallRecorder recorder = start(store, QUICK.withBacklog(10));

    for (int i = 1; i <= 50; i++) {
      recorder.onEvent(line("rtc_1", i, Speaker.CALLER, "line " + i, T0.plusSeconds(i)));
    }

    assertThat(recorder.dropped()).isEqualTo(40);
    assertThat(recorder.backlog()).isEqualTo(10);
  }

  @Test
  void start_closesOutCallsAStoppedBridgeLeftLive_beforeNewCallsAreWritten() {
    store.write(List.of(started("rtc_old", T0)));
    CallRecorder recorder = start(store, QUICK);

    recorder.onEvent(started("rtc_new", T0.plusSeconds(60)));

    await().until(() -> store.find(new CallId("rtc_new")).isPresent());
    CallRecord old = store.find(new CallId("rtc_old")).orElseThrow();
    assertThat(old.endReason()).contains("BRIDGE_STOPPED");
    assertThat(old.endedAt()).contains(clock.instant());
    assertThat(store.find(new CallId("rtc_new")).orElseThrow().live()).isTrue();
  }

  @Test
  void start_storeDown_closeOutIsRetriedBeforeAnythingIsWritten() {
    store.write(List.of(started("rtc_old", T0)));
    store.failing(true);
    CallRecorder recorder = start(store, QUICK);
    recorder.onEvent(started("rtc_new", T0.plusSeconds(60)));
    await().until(() -> recorder.retries() >= 2);

    store.failing(false);

    await().until(() -> store.find(new CallId("rtc_new")).isPresent());
    assertThat(store.find(new CallId("rtc_old")).orElseThrow().endReason())
        .contains("BRIDGE_STOPPED");
    assertThat(store.find(new CallId("rtc_new")).orElseThrow().live()).isTrue();
  }

  @Test
  void awaitStarted_returnsAfterTheStoresFirstAnswer_evenAFailure() throws Exception {
    store.write(List.of(started("rtc_old", T0)));
    store.failing(true);
    CallRecorder recorder = start(store, QUICK);

    assertThat(recorder.awaitStarted(Duration.ofSeconds(20))).isTrue();
    // Still down: the writer goes on trying on its own.
    await().until(() -> recorder.retries() >= 2);
    store.failing(false);
    await().until(() -> store.find(new CallId("rtc_old")).orElseThrow().endReason().isPresent());
  }

  @Test
  void retention_purgesOldCallsAtStartAndDaily() {
    store.write(wholeCall("rtc_ancient", T0, 1));
    store.write(wholeCall("rtc_recent", clock.instant().minus(Duration.ofDays(10)), 1));
    CallRecorder recorder = start(store, QUICK.withRetention(Optional.of(Duration.ofDays(30))));

    await().until(() -> store.find(new CallId("rtc_ancient")).isEmpty());
    assertThat(store.find(new CallId("rtc_recent"))).isPresent();

    clock.advance(Duration.ofDays(21));
    recorder.onEvent(started("rtc_wake", clock.instant()));

    await().until(() -> store.find(new CallId("rtc_recent")).isEmpty());
    await().until(() -> store.find(new CallId("rtc_wake")).isPresent());
  }

  @Test
  void noRetention_nothingIsPurged() {
    store.write(wholeCall("rtc_ancient", T0, 1));
    CallRecorder recorder = start(store, QUICK);
    recorder.onEvent(started("rtc_new", clock.instant()));

    await().until(() -> store.find(new CallId("rtc_new")).isPresent());
    assertThat(store.find(new CallId("rtc_ancient"))).isPresent();
  }

  @Test
  void close_flushesTheBacklog() {
    CountDownLatch release = new CountDownLatch(1);
    CallStore slow = new SlowStore(store, release);
    CallRecorder recorder = start(slow, QUICK);
    wholeCall("rtc_1", T0, 10).forEach(recorder::onEvent);

    release.countDown();
    recorder.close();

    assertThat(store.find(new CallId("rtc_1")).orElseThrow().lines()).hasSize(10);
    assertThat(recorder.backlog()).isZero();
    recorder.onEvent(started("rtc_late", T0));
    assertThat(recorder.dropped()).isEqualTo(1);
  }

  @Test
  void close_storeStillDownAtTheDeadline_theRestIsGivenUpAndCounted() {
    store.failing(true);
    CallRecorder recorder = start(store, QUICK.withFlushDeadline(Duration.ofMillis(200)));
    wholeCall("rtc_1", T0, 3).forEach(recorder::onEvent);

    recorder.close();

    assertThat(recorder.givenUp()).isEqualTo(8);
    assertThat(recorder.backlog()).isZero();
  }

  @Test
  void eventTheStoreRefuses_isGivenUpAlone_theOthersAreWritten() {
    CallStore picky = new RefusingStore(store, "poison");
    CallRecorder recorder = start(picky, QUICK);
    List<CallEvent> events = new ArrayList<>(wholeCall("rtc_1", T0, 4));
    events.add(4, line("rtc_1", 9, Speaker.AGENT, "poison", T0.plusSeconds(2)));

    events.forEach(recorder::onEvent);

    CallRecord call = awaitEnded(store, "rtc_1");
    assertThat(call.lines())
        .extracting(RecordedLine::text)
        .containsExactly("line 1", "line 2", "line 3", "line 4");
    assertThat(recorder.givenUp()).isEqualTo(1);
    assertThat(recorder.written()).isEqualTo(9);
  }

  private CallRecorder start(CallStore target, CallRecorder.Settings settings) {
    CallRecorder recorder = CallRecorder.start(target, settings, clock);
    recorders.add(recorder);
    return recorder;
  }

  private static CallRecord awaitEnded(FakeCallStore store, String id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> store.find(new CallId(id)).filter(r -> !r.live()).isPresent());
    return store.find(new CallId(id)).orElseThrow();
  }

  /** A store that passes everything to the fake; subclasses change how writes go. */
  private abstract static class Delegating implements CallStore {
    final FakeCallStore target;

    Delegating(FakeCallStore target) {
      this.target = target;
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

  /** Holds every write until released. */
  private static final class SlowStore extends Delegating {
    private final CountDownLatch release;

    SlowStore(FakeCallStore target, CountDownLatch release) {
      super(target);
      this.release = release;
    }

    @Override
    public void write(List<CallEvent> events) {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      target.write(events);
    }
  }

  /** Refuses (not retryable) any batch holding a line with this text, like a constraint would. */
  private static final class RefusingStore extends Delegating {
    private final String poison;

    RefusingStore(FakeCallStore target, String poison) {
      super(target);
      this.poison = poison;
    }

    @Override
    public void write(List<CallEvent> events) {
      for (CallEvent e : events) {
        if (e instanceof CallEvent.Line l && l.line().text().equals(poison)) {
          throw new AdapterException("test-store", "write", 0, false, "constraint", null);
        }
      }
      target.write(events);
    }
  }
}
