package dev.sipbridge.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.transcript.Speaker;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live stream: one numbered order, replay after a reconnect, per-call filter, slow clients. */
class EventHubTest {
  private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");
  private final EventHub hub = new EventHub();

  @AfterEach
  void close() {
    hub.close();
  }

  @Test
  void events_areNumberedInOneOrderAndStreamedAsTheyCome() {
    RecordingSink sink = new RecordingSink();
    hub.watch(sink, Optional.empty(), Optional.empty()).orElseThrow();

    started("rtc_a");
    line("rtc_a", 1, "Hello");
    line("rtc_a", 2, "How can I help?");
    ended("rtc_a");

    await().until(() -> sink.events.size() == 4);
    assertThat(sink.names()).containsExactly("started", "line", "line", "ended");
    assertThat(sink.events.get(1).data()).contains("\"text\":\"Hello\"").contains("\"sequence\":1");
    assertThat(sink.events.get(3).data()).contains("\"order\":[1,2]");
    List<Long> numbers = sink.events.stream().map(e -> number(e.id())).toList();
    assertThat(numbers).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void reconnectWithLastEventId_getsExactlyWhatItMissed() {
    RecordingSink first = new RecordingSink();
    Watcher w = hub.watch(first, Optional.empty(), Optional.empty()).orElseThrow();
    started("rtc_a");
    line("rtc_a", 1, "one");
    await().until(() -> first.events.size() == 2);
    w.close();
    String lastSeen = first.events.get(1).id();
    line("rtc_a", 2, "two");
    line("rtc_a", 3, "three");
    await().until(() -> hub.ringSizeForTests() == 4);

    RecordingSink again = new RecordingSink();
    hub.watch(again, Optional.of(lastSeen), Optional.empty()).orElseThrow();
    line("rtc_a", 4, "four");

    await().until(() -> again.events.size() == 3);
    assertThat(again.texts()).containsExactly("two", "three", "four");
  }

  @Test
  void aNewWatcher_getsTheStorySoFarOfLiveCallsOnly() {
    started("rtc_done");
    line("rtc_done", 1, "old");
    ended("rtc_done");
    started("rtc_live");
    line("rtc_live", 1, "still talking");
    await().until(() -> hub.ringSizeForTests() == 5);

    RecordingSink sink = new RecordingSink();
    hub.watch(sink, Optional.empty(), Optional.empty()).orElseThrow();

    await().until(() -> sink.events.size() == 2);
    assertThat(sink.names()).containsExactly("started", "line");
    assertThat(sink.texts()).containsExactly("still talking");
  }

  @Test
  void anIdFromAnotherRunOrBeyondTheRing_getsAResetThenTheStorySoFar() {
    started("rtc_a");
    await().until(() -> hub.ringSizeForTests() == 1);
    RecordingSink sink = new RecordingSink();

    hub.watch(sink, Optional.of("zzzz-5"), Optional.empty()).orElseThrow();

    await().until(() -> sink.events.size() == 2);
    assertThat(sink.names()).containsExactly("reset", "started");
    assertThat(sink.events.get(0).id()).isNull();
  }

  @Test
  void watchingOneCall_streamsOnlyThatCall() {
    RecordingSink sink = new RecordingSink();
    hub.watch(sink, Optional.empty(), Optional.of("rtc_b")).orElseThrow();

    started("rtc_a");
    started("rtc_b");
    line("rtc_a", 1, "for a");
    line("rtc_b", 1, "for b");
    ended("rtc_b");

    await().until(() -> sink.events.size() == 3);
    assertThat(sink.names()).containsExactly("started", "line", "ended");
    assertThat(sink.texts()).containsExactly("for b");
  }

  @Test
  void aWatcherThatFallsTooFarBehind_isCutOffWithoutHoldingUpTheOthers() throws Exception {
    BlockedSink stuck = new BlockedSink();
    RecordingSink fine = new RecordingSink();
    hub.watch(stuck, Optional.empty(), Optional.empty()).orElseThrow();
    hub.watch(fine, Optional.empty(), Optional.empty()).orElseThrow();

    started("rtc_a");
    for (int i = 1; i <= Watcher.BACKLOG + 10; i++) {
      line("rtc_a", i, "line " + i);
    }

    await().until(() -> stuck.closed);
    await().until(() -> fine.events.size() == Watcher.BACKLOG + 11);
    stuck.release.countDown();
    assertThat(hub.watchers()).isEqualTo(1);
  }

  @Test
  void watchers_areBounded() {
    for (int i = 0; i < EventHub.MAX_WATCHERS; i++) {
      assertThat(hub.watch(new RecordingSink(), Optional.empty(), Optional.empty())).isPresent();
    }
    assertThat(hub.watch(new RecordingSink(), Optional.empty(), Optional.empty())).isEmpty();
  }

  private void started(String id) {
    IncomingCall call =
        IncomingCall.of(
            new CallId(id),
            SipHeaders.of(
                List.of(
                    new SipHeader("From", "sip:+14155550123@x"),
                    new SipHeader("To", "sip:+18005550100@x"))),
            AT);
    hub.onEvent(new CallEvent.Started(call, AT));
  }

  private void line(String id, long sequence, String text) {
    hub.onEvent(
        new CallEvent.Line(
            new TranscriptLine(
                new CallId(id),
                sequence,
                sequence % 2 == 1 ? Speaker.CALLER : Speaker.AGENT,
                TranscriptLine.Kind.SPEECH,
                text,
                "item_" + sequence,
                AT)));
  }

  private void ended(String id) {
    hub.onEvent(new CallEvent.Ended(new CallId(id), AT, EndReason.CALLER_HUNG_UP, List.of(1L, 2L)));
  }

  private static long number(String id) {
    return Long.parseLong(id.substring(id.indexOf('-') + 1));
  }

  record Sent(String name, String data, String id) {}

  static class RecordingSink implements EventSink {
    final List<Sent> events = new CopyOnWriteArrayList<>();

    @Override
    public boolean send(String name, String data, String id) {
      events.add(new Sent(name, data, id));
      return true;
    }

    @Override
    public boolean heartbeat() {
      return true;
    }

    @Override
    public void close() {}

    List<String> names() {
      return events.stream().map(Sent::name).toList();
    }

    List<String> texts() {
      return events.stream()
          .filter(e -> e.name().equals("line"))
          .map(e -> e.data().replaceAll(".*\"text\":\"([^\"]*)\".*", "$1"))
          .toList();
    }
  }

  /** A browser that stopped reading: its first write never returns until released. */
  static final class BlockedSink extends RecordingSink {
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean closed;

    @Override
    public boolean send(String name, String data, String id) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
