package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.LifecycleHarness.timeline;
import static dev.sipbridge.core.tool.ProtocolEvents.argumentsDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SocketKeeperTest {
  private static final CallId RTC_1 = new CallId("rtc_1");

  private final LifecycleHarness h = new LifecycleHarness();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          warnings.add(new SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @AfterEach
  void close() throws InterruptedException {
    Logger.getLogger(SocketKeeper.class.getName()).removeHandler(capture);
    h.close();
  }

  private void captureWarnings() {
    Logger.getLogger(SocketKeeper.class.getName()).addHandler(capture);
  }

  @Test
  void socketDroppingRightAfterEachOpen_isAFailure_soTheAttemptsRunOutAndTheCallEnds() {
    captureWarnings();
    CallLifecycle lifecycle = h.builder().build();
    h.acceptLive(lifecycle, "rtc_1");
    int attempts = LifecycleHarness.SETTINGS.socketAttempts();

    for (int open = 1; open <= attempts; open++) {
      int opened = open;
      await().until(() -> h.opens("rtc_1") == opened);
      h.socket("rtc_1").drop(false); // opened, and gone at once: the clock does not move
    }

    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.SOCKET_FAILED);
    assertThat(h.opens("rtc_1")).as("no re-attach after the attempts").isEqualTo(attempts);
    await().until(() -> h.control.requests("hangup").size() == 1);
    assertThat(warnings)
        .contains(
            "call_id=rtc_1 socket failed 3 times in a row (opens that did"
                + " not last 10 s count); ending the call");
    assertThat(lifecycle.activeCalls()).isZero();
  }

  @Test
  void socketThatLasted_wasASuccess_soItsDropStartsAfresh() {
    CallLifecycle lifecycle = h.builder().build();
    h.acceptLive(lifecycle, "rtc_1");
    int drops = LifecycleHarness.SETTINGS.socketAttempts() + 2;

    for (int open = 1; open <= drops; open++) {
      int opened = open;
      await().until(() -> h.opens("rtc_1") == opened);
      h.clock.advance(SocketKeeper.STABLE_AFTER);
      h.socket("rtc_1").drop(false);
    }

    await().until(() -> h.opens("rtc_1") == drops + 1);
    assertThat(h.observer.ended()).isEmpty();
    assertThat(lifecycle.activeCalls()).isEqualTo(1);
  }

  @Test
  void reattachBudgetSpent_endsTheCallWithOneClearLine() {
    captureWarnings();
    CallLifecycle lifecycle = h.builder().build();
    h.acceptLive(lifecycle, "rtc_1");

    for (int open = 1; open <= SocketKeeper.REATTACH_BUDGET + 1; open++) {
      int opened = open;
      await().until(() -> h.opens("rtc_1") == opened);
      h.clock.advance(SocketKeeper.STABLE_AFTER);
      h.socket("rtc_1").drop(false);
    }

    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.SOCKET_FAILED);
    assertThat(h.opens("rtc_1")).isEqualTo(SocketKeeper.REATTACH_BUDGET + 1);
    assertThat(warnings)
        .contains(
            "call_id=rtc_1 socket dropped (1006) after 20 re-attaches, the"
                + " most one call gets; ending the call");
    await().until(() -> h.control.requests("hangup").size() == 1);
  }

  @Test
  void socketDrop_reattachedAndTheCallGoesOn() {
    Tool lookup = Tool.withoutParameters("lookup", "", c -> ToolResult.ok("{}"));
    CallLifecycle lifecycle = h.builder().tools(List.of(lookup)).build();
    FakeRealtimeChannel.Socket first = h.acceptLive(lifecycle, "rtc_1");
    await().until(() -> first.sent().size() == 1);

    first.drop(false);

    await().until(() -> h.opens("rtc_1") == 2);
    FakeRealtimeChannel.Socket second = h.socket("rtc_1");
    assertThat(second).isNotSameAs(first);
    await().until(() -> h.observer.socketOpens().size() == 2);
    assertThat(h.observer.socketOpens()).containsExactly(false, true);
    assertThat(lifecycle.activeCalls()).isEqualTo(1);

    second.receive(argumentsDone("call_a", "lookup", "{}"));

    await().until(() -> timeline(second).contains("response.create"));
    assertThat(timeline(second))
        .as("no second greeting")
        .containsExactly("output:call_a", "response.create");
    assertThat(h.observer.ended()).isEmpty();

    second.drop(true);
    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.CALLER_HUNG_UP);
  }

  @Test
  void socketDrop_logsTheCloseCodeAsWritten() {
    captureWarnings();
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket first = h.acceptLive(lifecycle, "rtc_1");
    await().until(() -> first.sent().size() == 1);

    first.drop(false);

    await().until(() -> !warnings.isEmpty());
    assertThat(warnings).contains("call_id=rtc_1 socket dropped (1006); re-attaching");
  }

  @Test
  void openFailsOnce_retriedAndGreets() {
    h.channel.failNextOpen(503);
    CallLifecycle lifecycle = h.builder().build();

    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    await().until(() -> socket.sent().size() == 1);
    assertThat(h.countingChannel.attempts()).isEqualTo(2);
    assertThat(h.observer.socketOpens()).containsExactly(false);
    assertThat(timeline(socket)).containsExactly("response.create");
  }

  @Test
  void openAlwaysFailing_endsSocketFailedAfterTheAttemptsAndHangsUp() {
    int attempts = LifecycleHarness.SETTINGS.socketAttempts();
    for (int i = 0; i < attempts; i++) {
      h.channel.failNextOpen(500);
    }
    CallLifecycle lifecycle = h.builder().build();

    assertThat(LifecycleHarness.deliver(lifecycle, "wh_1", "rtc_1"))
        .isEqualTo(AcceptOutcome.ACCEPTED);

    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.SOCKET_FAILED);
    assertThat(h.countingChannel.attempts()).isEqualTo(attempts);
    await().until(() -> h.control.requests("hangup").size() == 1);
    assertThat(h.control.requests("hangup").get(0).callId()).isEqualTo(RTC_1);
    await().until(() -> h.sink.ended().size() == 1);
    assertThat(h.sink.ended().get(0).endReason()).isEqualTo(EndReason.SOCKET_FAILED);
    assertThat(h.observer.socketOpens()).isEmpty();
    assertThat(lifecycle.activeCalls()).isZero();
  }

  @Test
  void reattachKeepsFailing_endsSocketFailedAndHangsUp() {
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    h.channel.failNextOpen(500).failNextOpen(0);

    socket.drop(false);

    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.SOCKET_FAILED);
    assertThat(h.countingChannel.attempts()).isEqualTo(3);
    await().until(() -> h.control.requests("hangup").size() == 1);
    assertThat(lifecycle.activeCalls()).isZero();
  }

  @Test
  void open404_endsWithoutReattachStorm() throws Exception {
    h.channel.failNextOpen(404);
    CallLifecycle lifecycle = h.builder().build();

    assertThat(LifecycleHarness.deliver(lifecycle, "wh_1", "rtc_1"))
        .isEqualTo(AcceptOutcome.ACCEPTED);

    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.CALLER_HUNG_UP);
    await().until(() -> lifecycle.activeCalls() == 0);
    // Nothing is scheduled to open the socket again.
    h.scheduler.submit(() -> {}).get();
    assertThat(h.scheduler.getQueue()).isEmpty();
    assertThat(h.countingChannel.attempts()).isEqualTo(1);
    assertThat(h.control.requests("hangup")).isEmpty();
  }
}
