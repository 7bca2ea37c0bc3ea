package dev.sipbridge.core.store;

import static dev.sipbridge.core.store.StoreEvents.T0;
import static dev.sipbridge.core.store.StoreEvents.ended;
import static dev.sipbridge.core.store.StoreEvents.forwarded;
import static dev.sipbridge.core.store.StoreEvents.interrupted;
import static dev.sipbridge.core.store.StoreEvents.keypress;
import static dev.sipbridge.core.store.StoreEvents.line;
import static dev.sipbridge.core.store.StoreEvents.started;
import static dev.sipbridge.core.store.StoreEvents.toolRun;
import static dev.sipbridge.core.store.StoreEvents.wholeCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.store.CallRecord.RecordedLine;
import dev.sipbridge.core.store.CallRecord.RecordedTool;
import dev.sipbridge.core.store.CallRecord.RecordedTransfer;
import dev.sipbridge.core.transcript.Speaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CallStore} answers, run against each one (in memory, SQLite, PostgreSQL). Each
 * test gets an empty store from {@link #store()}. Instants are whole milliseconds: that is what
 * stores keep.
 */
public abstract class CallStoreContract {
  private static final CallId RTC_1 = new CallId("rtc_1");

  /** An empty store for this test; the subclass closes it afterwards. */
  protected abstract CallStore store();

  /**
   * The stores of this test closed, and the same database opened again, as after a restart of the
   * process.
   */
  protected abstract CallStore reopened();

  @Test
  void callRecord_survivesARestart() {
    CallStore store = store();
    store.write(wholeCall("rtc_1", T0, 4));
    store.write(List.of(toolRun("rtc_1", T0.plusSeconds(2), "weather")));
    CallRecord before = store.find(RTC_1).orElseThrow();

    CallStore after = reopened();

    assertThat(after.find(RTC_1)).contains(before);
    assertThat(before.lines()).hasSize(4);
    assertThat(before.tools()).hasSize(1);
  }

  @Test
  void startedCall_isFoundWithItsPartiesAndTimes() {
    CallStore store = store();
    store.write(
        List.of(
            forwarded("rtc_1", T0),
            new CallEvent.Accepted(RTC_1, T0.plusMillis(250)),
            new CallEvent.SocketOpened(RTC_1, T0.plusMillis(400), false),
            new CallEvent.SocketOpened(RTC_1, T0.plusMillis(9000), true)));

    CallRecord call = store.find(RTC_1).orElseThrow();

    assertThat(call.route()).isEqualTo("voice");
    assertThat(call.caller()).isEqualTo("+15557654321");
    assertThat(call.called()).isEqualTo("+18005550100");
    assertThat(call.forwardedFrom()).contains("+15550000001");
    assertThat(call.forwardingReason()).contains("no-answer");
    assertThat(call.incomingAt()).isEqualTo(T0);
    assertThat(call.acceptedAt()).contains(T0.plusMillis(250));
    assertThat(call.socketOpenAt()).contains(T0.plusMillis(400));
    assertThat(call.live()).isTrue();
    assertThat(call.endedAt()).isEmpty();
    assertThat(call.endReason()).isEmpty();
    assertThat(call.usage()).isEqualTo(CallRecord.TokenUsage.NONE);
  }

  @Test
  void unknownCall_isNotFound_andItsEventsAreDropped() {
    CallStore store = store();
    store.write(
        List.of(
            line("rtc_ghost", 1, Speaker.CALLER, "hello", T0),
            new CallEvent.Accepted(new CallId("rtc_ghost"), T0),
            ended("rtc_ghost", T0, EndReason.CALLER_HUNG_UP, List.of(1L))));

    assertThat(store.find(new CallId("rtc_ghost"))).isEmpty();
    assertThat(store.search(CallQuery.newest(10)).calls()).isEmpty();
  }

  @Test
  void startedTwice_theFirstIsKept() {
    CallStore store = store();
    store.write(List.of(started("rtc_1", "+15551110000", T0)));
    store.write(List.of(started("rtc_1", "+15552220000", T0.plusSeconds(5))));

    assertThat(store.find(RTC_1).orElseThrow().caller()).isEqualTo("+15551110000");
    assertThat(store.find(RTC_1).orElseThrow().incomingAt()).isEqualTo(T0);
  }

  @Test
  void lines_keepEveryFieldAndEndInConversationOrder() {
    CallStore store = store();
    store.write(
        List.of(
            started("rtc_1", T0),
            line("rtc_1", 1, Speaker.AGENT, "Hello, ACME here.", T0.plusSeconds(1)),
            line("rtc_1", 2, Speaker.AGENT, "Our hours are nine to five.", T0.plusSeconds(3))));
    // The caller's words were transcribed late: emitted third, said second.
    store.write(
        List.of(
            line("rtc_1", 3, Speaker.CALLER, "When are you open?", T0.plusSeconds(4)),
            keypress("rtc_1", 4, "5", T0.plusSeconds(5)),
            interrupted("rtc_1", 5, "Let me check", T0.plusSeconds(6)),
            ended(
                "rtc_1", T0.plusSeconds(7), EndReason.AGENT_HUNG_UP, List.of(1L, 3L, 2L, 4L, 5L))));

    CallRecord call = store.find(RTC_1).orElseThrow();

    assertThat(call.lines()).extracting(RecordedLine::sequence).containsExactly(1L, 3L, 2L, 4L, 5L);
    assertThat(call.lines()).extracting(RecordedLine::position).containsExactly(1L, 2L, 3L, 4L, 5L);
    RecordedLine caller = call.lines().get(1);
    assertThat(caller)
        .isEqualTo(
            new RecordedLine(
                3,
                2,
                "caller",
                "speech",
                "When are you open?",
                "item_3",
                T0.plusSeconds(4),
                false));
    assertThat(call.lines().get(3))
        .isEqualTo(new RecordedLine(4, 4, "caller", "keypress", "5", "", T0.plusSeconds(5), false));
    assertThat(call.lines().get(4).interrupted()).isTrue();
    assertThat(call.endedAt()).contains(T0.plusSeconds(7));
    assertThat(call.endReason()).contains("AGENT_HUNG_UP");
    assertThat(call.live()).isFalse();
  }

  @Test
  void sameLineTwice_isKeptOnce() {
    CallStore store = store();
    CallEvent hello = line("rtc_1", 1, Speaker.CALLER, "hello", T0.plusSeconds(1));
    store.write(List.of(started("rtc_1", T0), hello));
    store.write(List.of(hello));

    assertThat(store.find(RTC_1).orElseThrow().lines()).hasSize(1);
  }

  @Test
  void toolsTransfersAndOperatorActions_areKeptInOrder() {
    CallStore store = store();
    store.write(
        List.of(
            started("rtc_1", T0),
            toolRun("rtc_1", T0.plusSeconds(1), "weather"),
            new CallEvent.ToolRun(
                RTC_1,
                T0.plusSeconds(2),
                "lookup_order",
                "not json",
                "{\"error\":\"the arguments were not valid JSON\"}",
                "bad_arguments",
                Duration.ofMillis(3)),
            new CallEvent.Transfer(RTC_1, T0.plusSeconds(3), "warm", "+1555***0000", "requested"),
            new CallEvent.Transfer(RTC_1, T0.plusSeconds(9), "warm", "+1555***0000", "busy"),
            new CallEvent.OperatorAction(RTC_1, T0.plusSeconds(10), "say", "Please hold.")));

    CallRecord call = store.find(RTC_1).orElseThrow();

    assertThat(call.tools())
        .containsExactly(
            new RecordedTool(
                "weather",
                "{\"city\":\"Oslo\"}",
                "{\"forecast\":\"sunny\"}",
                "ok",
                T0.plusSeconds(1),
                Duration.ofMillis(42)),
            new RecordedTool(
                "lookup_order",
                "not json",
                "{\"error\":\"the arguments were not valid JSON\"}",
                "bad_arguments",
                T0.plusSeconds(2),
                Duration.ofMillis(3)));
    assertThat(call.transfers())
        .containsExactly(
            new RecordedTransfer("warm", "+1555***0000", "requested", T0.plusSeconds(3)),
            new RecordedTransfer("warm", "+1555***0000", "busy", T0.plusSeconds(9)));
    assertThat(call.actions())
        .singleElement()
        .isEqualTo(new CallRecord.RecordedAction("say", "Please hold.", T0.plusSeconds(10)));
  }

  @Test
  void usage_isSummedAndPriced() {
    CallStore store = store();
    store.write(
        List.of(
            started("rtc_1", T0),
            new CallEvent.Usage(RTC_1, T0.plusSeconds(1), 1000, 20_000, 500, 30_000),
            new CallEvent.Usage(RTC_1, T0.plusSeconds(2), 1000, 10_000, 500, 10_000)));

    CallRecord.TokenUsage usage = store.find(RTC_1).orElseThrow().usage();

    assertThat(usage.inputText()).isEqualTo(2000);
    assertThat(usage.inputAudio()).isEqualTo(30_000);
    assertThat(usage.outputText()).isEqualTo(1000);
    assertThat(usage.outputAudio()).isEqualTo(40_000);
    // gpt-realtime list prices: 2000*4 + 30000*32 + 1000*16 + 40000*64 per million = 3.544
    assertThat(usage.estimatedCostUsd()).isCloseTo(3.544, within(1e-9));
  }

  @Test
  void search_newestFirstWithLineCounts_andPagesByCursorThroughTies() {
    CallStore store = store();
    List<CallEvent> events = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      // rtc_3, rtc_4 and rtc_5 came in in the same millisecond: the id breaks the tie.
      Instant at = T0.plusSeconds(i < 3 ? i : i > 5 ? i : 3);
      events.addAll(wholeCall("rtc_" + i, at, i));
    }
    store.write(events);

    List<String> seen = new ArrayList<>();
    List<Integer> lineCounts = new ArrayList<>();
    CallQuery query = CallQuery.newest(3);
    for (int pages = 1; ; pages++) {
      CallPage page = store.search(query);
      page.calls().forEach(c -> seen.add(c.id().value()));
      page.calls().forEach(c -> lineCounts.add(c.lineCount()));
      if (page.nextCursor().isEmpty()) {
        assertThat(pages).isEqualTo(3);
        break;
      }
      query =
          new CallQuery(
              query.from(),
              query.to(),
              query.number(),
              query.endReason(),
              query.text(),
              page.nextCursor(),
              3);
    }

    assertThat(seen).containsExactly("rtc_7", "rtc_6", "rtc_5", "rtc_4", "rtc_3", "rtc_2", "rtc_1");
    assertThat(lineCounts).containsExactly(7, 6, 5, 4, 3, 2, 1);
    CallSummary newest = store.search(CallQuery.newest(1)).calls().get(0);
    assertThat(newest)
        .isEqualTo(
            new CallSummary(
                new CallId("rtc_7"),
                "trunk",
                "+15551234567",
                "+18005551212",
                T0.plusSeconds(7),
                Optional.of(T0.plusSeconds(15)),
                Optional.of("CALLER_HUNG_UP"),
                7));
  }

  @Test
  void search_exactlyOnePage_hasNoNextCursor() {
    CallStore store = store();
    store.write(wholeCall("rtc_1", T0, 1));
    store.write(wholeCall("rtc_2", T0.plusSeconds(1), 1));

    assertThat(store.search(CallQuery.newest(2)).nextCursor()).isEmpty();
    assertThat(store.search(CallQuery.newest(1)).nextCursor()).isPresent();
  }

  @Test
  void search_filtersByTimeNumberEndReasonAndText() {
    CallStore store = store();
    store.write(
        List.of(
            started("rtc_a", "+15551110000", T0),
            line("rtc_a", 1, Speaker.CALLER, "Où est ÉTÉ 100% _vraiment_?", T0.plusSeconds(1)),
            ended("rtc_a", T0.plusSeconds(2), EndReason.CALLER_HUNG_UP, List.of(1L)),
            forwarded("rtc_b", T0.plusSeconds(10)),
            line("rtc_b", 1, Speaker.AGENT, "Your order has shipped.", T0.plusSeconds(11)),
            ended("rtc_b", T0.plusSeconds(12), EndReason.TRANSFERRED, List.of(1L)),
            started("rtc_c", "+15553330000", T0.plusSeconds(20))));

    assertThat(
            ids(
                store,
                query(
                    Optional.of(T0.plusSeconds(10)),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty())))
        .containsExactly("rtc_c", "rtc_b");
    assertThat(
            ids(
                store,
                query(
                    Optional.of(T0),
                    Optional.of(T0.plusSeconds(10)),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty())))
        .containsExactly("rtc_a");
    assertThat(
            ids(
                store,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("5553330"),
                    Optional.empty(),
                    Optional.empty())))
        .containsExactly("rtc_c");
    // The called number and the number the call was forwarded from match too.
    assertThat(
            ids(
                store,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("+1555000000"),
                    Optional.empty(),
                    Optional.empty())))
        .containsExactly("rtc_b");
    assertThat(
            ids(
                store,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("8005551212"),
                    Optional.empty(),
                    Optional.empty())))
        .containsExactly("rtc_c", "rtc_a");
    assertThat(
            ids(
                store,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("TRANSFERRED"),
                    Optional.empty())))
        .containsExactly("rtc_b");
    assertThat(
            ids(
                store,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("ORDER HAS"))))
        .containsExactly("rtc_b");
    assertThat(
            ids(
                store,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("été 100%"))))
        .containsExactly("rtc_a");
    // LIKE's wildcards are plain characters in a search.
    assertThat(
            ids(
                store,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("_vraiment_"))))
        .containsExactly("rtc_a");
    assertThat(
            ids(
                store,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("%shipped"))))
        .isEmpty();
    assertThat(
            ids(
                store,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("5551110000"),
                    Optional.of("TRANSFERRED"),
                    Optional.empty())))
        .isEmpty();
  }

  @Test
  void search_badCursor_isRefused() {
    CallStore store = store();
    CallQuery bad =
        new CallQuery(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("not-a-cursor"),
            10);

    assertThatThrownBy(() -> store.search(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeOutUnfinished_endsOnlyLiveCalls() {
    CallStore store = store();
    store.write(wholeCall("rtc_done", T0, 2));
    store.write(
        List.of(
            started("rtc_live1", T0.plusSeconds(1)),
            line("rtc_live1", 1, Speaker.CALLER, "hello?", T0.plusSeconds(2)),
            started("rtc_live2", T0.plusSeconds(3))));
    Instant restart = T0.plus(Duration.ofHours(1));

    assertThat(store.closeOutUnfinished(restart, "BRIDGE_STOPPED")).isEqualTo(2);

    CallRecord live1 = store.find(new CallId("rtc_live1")).orElseThrow();
    assertThat(live1.endedAt()).contains(restart);
    assertThat(live1.endReason()).contains("BRIDGE_STOPPED");
    assertThat(live1.lines()).hasSize(1);
    assertThat(store.find(new CallId("rtc_done")).orElseThrow().endReason())
        .contains("CALLER_HUNG_UP");
    assertThat(store.closeOutUnfinished(restart, "BRIDGE_STOPPED")).isZero();
    assertThat(
            ids(
                store,
                query(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("BRIDGE_STOPPED"),
                    Optional.empty())))
        .containsExactly("rtc_live2", "rtc_live1");
  }

  @Test
  void endAfterCloseOut_keepsTheFirstEndButOrdersTheLines() {
    CallStore store = store();
    store.write(
        List.of(
            started("rtc_1", T0),
            line("rtc_1", 1, Speaker.AGENT, "second", T0.plusSeconds(1)),
            line("rtc_1", 2, Speaker.CALLER, "first", T0.plusSeconds(2))));
    store.closeOutUnfinished(T0.plusSeconds(5), "BRIDGE_STOPPED");

    store.write(
        List.of(ended("rtc_1", T0.plusSeconds(9), EndReason.CALLER_HUNG_UP, List.of(2L, 1L))));

    CallRecord call = store.find(RTC_1).orElseThrow();
    assertThat(call.endReason()).contains("BRIDGE_STOPPED");
    assertThat(call.endedAt()).contains(T0.plusSeconds(5));
    assertThat(call.lines()).extracting(RecordedLine::text).containsExactly("first", "second");
  }

  @Test
  void purgeBefore_deletesOlderCallsWithEverythingTheyHeld() {
    CallStore store = store();
    store.write(wholeCall("rtc_old", T0, 3));
    store.write(
        List.of(
            toolRun("rtc_old", T0.plusSeconds(1), "weather"),
            new CallEvent.Transfer(new CallId("rtc_old"), T0, "cold", "tel:+1555***2222", "failed"),
            new CallEvent.OperatorAction(new CallId("rtc_old"), T0, "hangup", "")));
    store.write(wholeCall("rtc_new", T0.plus(Duration.ofDays(40)), 2));

    assertThat(store.purgeBefore(T0.plus(Duration.ofDays(30)))).isEqualTo(1);

    assertThat(store.find(new CallId("rtc_old"))).isEmpty();
    assertThat(store.find(new CallId("rtc_new")).orElseThrow().lines()).hasSize(2);
    assertThat(store.purgeBefore(T0.plus(Duration.ofDays(30)))).isZero();
    // A call of the same id recorded again starts clean.
    store.write(List.of(started("rtc_old", T0.plus(Duration.ofDays(41)))));
    CallRecord again = store.find(new CallId("rtc_old")).orElseThrow();
    assertThat(again.lines()).isEmpty();
    assertThat(again.tools()).isEmpty();
    assertThat(again.transfers()).isEmpty();
    assertThat(again.actions()).isEmpty();
  }

  @Test
  void interleavedCalls_inOneBatch_eachKeepsItsOwnStory() {
    CallStore store = store();
    List<CallEvent> a = wholeCall("rtc_a", T0, 5);
    List<CallEvent> b = wholeCall("rtc_b", T0.plusMillis(1), 4);
    List<CallEvent> mixed = new ArrayList<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i < a.size()) {
        mixed.add(a.get(i));
      }
      if (i < b.size()) {
        mixed.add(b.get(i));
      }
    }
    store.write(mixed);

    assertThat(store.find(new CallId("rtc_a")).orElseThrow().lines())
        .extracting(RecordedLine::text)
        .containsExactly("line 1", "line 2", "line 3", "line 4", "line 5");
    assertThat(store.find(new CallId("rtc_b")).orElseThrow().lines()).hasSize(4);
  }

  private static CallQuery query(
      Optional<Instant> from,
      Optional<Instant> to,
      Optional<String> number,
      Optional<String> endReason,
      Optional<String> text) {
    return new CallQuery(from, to, number, endReason, text, Optional.empty(), 50);
  }

  private static List<String> ids(CallStore store, CallQuery query) {
    return store.search(query).calls().stream().map(c -> c.id().value()).toList();
  }
}
