package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.LifecycleHarness.systemNotes;
import static dev.sipbridge.core.lifecycle.LifecycleHarness.timeline;
import static dev.sipbridge.core.lifecycle.TransferFixture.COLD_TARGET;
import static dev.sipbridge.core.lifecycle.TransferFixture.HUMAN;
import static dev.sipbridge.core.lifecycle.TransferFixture.RTC_1;
import static dev.sipbridge.core.lifecycle.TransferFixture.liveInConference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.lifecycle.OperatorActions.TransferOutcome;
import dev.sipbridge.core.store.CallEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an operator does to a live call through the API: hang up, transfer, say. */
class OperatorActionsTest {
  private final LifecycleHarness h = new LifecycleHarness();
  private final List<CallEvent> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws InterruptedException {
    h.close();
  }

  @Test
  void hangUp_endsTheCallAtOpenAiAsOperatorHungUpAndRecordsTheAction() {
    CallLifecycle lifecycle = h.builder().callEvents(events::add).build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    assertThat(lifecycle.operator().hangUp(RTC_1)).isTrue();

    await().until(() -> h.control.requests("hangup").size() == 1);
    socket.drop(true);
    await().until(() -> h.sink.ended().size() == 1);
    assertThat(h.sink.ended().get(0).endReason()).isEqualTo(EndReason.OPERATOR_HUNG_UP);
    assertThat(actions()).containsExactly("hangup:");
    assertThat(events.get(events.size() - 1)).isInstanceOf(CallEvent.Ended.class);
  }

  @Test
  void actionsOnAnUnknownOrEndedCall_sayNotLiveAndDoNothing() {
    CallLifecycle lifecycle =
        h.builder()
            .callEvents(events::add)
            .transfers(TransferFixture.cold(Optional.empty()))
            .build();
    CallId unknown = new CallId("rtc_unknown");
    assertThat(lifecycle.operator().hangUp(unknown)).isFalse();
    assertThat(lifecycle.operator().say(unknown, "hello")).isFalse();
    assertThat(lifecycle.operator().transfer(unknown)).isEqualTo(TransferOutcome.NOT_LIVE);

    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    socket.drop(true);
    await().until(() -> h.sink.ended().size() == 1);

    assertThat(lifecycle.operator().hangUp(RTC_1)).isFalse();
    assertThat(lifecycle.operator().transfer(RTC_1)).isEqualTo(TransferOutcome.NOT_LIVE);
    assertThat(h.control.requests("hangup")).isEmpty();
    assertThat(h.control.requests("refer")).isEmpty();
    assertThat(actions()).isEmpty();
  }

  @Test
  void say_addsASystemMessageThenAResponseCreate() {
    CallLifecycle lifecycle = h.builder().callEvents(events::add).build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    await().until(() -> timeline(socket).equals(List.of("response.create")));
    socket.receive(dev.sipbridge.core.tool.ProtocolEvents.responseDone("resp_hello"));

    assertThat(lifecycle.operator().say(RTC_1, "  Offer a 10% voucher.  ")).isTrue();

    await().until(() -> timeline(socket).size() == 3);
    assertThat(timeline(socket)).containsExactly("response.create", "note", "response.create");
    assertThat(systemNotes(socket).get(0)).endsWith("Offer a 10% voucher.");
    assertThat(actions()).containsExactly("say:Offer a 10% voucher.");
  }

  @Test
  void say_blankOrTooLong_isRejectedBeforeAnythingIsSent() {
    CallLifecycle lifecycle = h.builder().callEvents(events::add).build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    await().until(() -> timeline(socket).size() == 1);

    assertThatThrownBy(() -> lifecycle.operator().say(RTC_1, "   "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                lifecycle
                    .operator()
                    .say(RTC_1, "x".repeat(OperatorActions.MAX_INSTRUCTION_CHARS + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(timeline(socket)).hasSize(1);
    assertThat(actions()).isEmpty();
  }

  @Test
  void transferWithAColdTarget_refersThereAndEndsTransferred() throws Exception {
    // One worker: once a task queued after the refer ran, the call is marked TRANSFERRED.
    ExecutorService worker = Executors.newSingleThreadExecutor();
    CallLifecycle lifecycle =
        h.builder()
            .threads(h.scheduler, worker)
            .callEvents(events::add)
            .transfers(TransferFixture.cold(Optional.empty()))
            .build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    assertThat(lifecycle.operator().transfer(RTC_1)).isEqualTo(TransferOutcome.COLD_STARTED);

    await().until(() -> h.control.requests("refer").size() == 1);
    assertThat(h.control.requests("refer").get(0).detail()).isEqualTo(COLD_TARGET);
    assertThat(actions()).containsExactly("transfer:cold");
    worker.submit(() -> {}).get(5, TimeUnit.SECONDS);
    socket.drop(true);
    await().until(() -> h.sink.ended().size() == 1);
    assertThat(h.sink.ended().get(0).endReason()).isEqualTo(EndReason.TRANSFERRED);
    worker.shutdownNow();
  }

  @Test
  void transferOnTheVoiceRoute_dialsTheHumanAndTellsTheModel() {
    CallLifecycle lifecycle = h.voiceRoute(TransferFixture.warm()).callEvents(events::add).build();
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);

    assertThat(lifecycle.operator().transfer(RTC_1)).isEqualTo(TransferOutcome.WARM_STARTED);

    await().until(() -> h.twilio.added().size() == 2);
    assertThat(h.twilio.added().get(1).to()).isEqualTo(HUMAN);
    await().until(() -> systemNotes(socket).size() == 1);
    assertThat(systemNotes(socket).get(0)).contains("operator").contains("human agent is being");
    assertThat(actions()).containsExactly("transfer:warm");
  }

  @Test
  void transferWithNothingConfigured_saysNoTargetAndRecordsNothing() {
    CallLifecycle lifecycle = h.builder().callEvents(events::add).build();
    h.acceptLive(lifecycle, "rtc_1");

    assertThat(lifecycle.operator().transfer(RTC_1)).isEqualTo(TransferOutcome.NO_TARGET);
    assertThat(actions()).isEmpty();
  }

  private List<String> actions() {
    return events.stream()
        .filter(e -> e instanceof CallEvent.OperatorAction)
        .map(
            e ->
                ((CallEvent.OperatorAction) e).action()
                    + ":"
                    + ((CallEvent.OperatorAction) e).detail())
        .toList();
  }
}
