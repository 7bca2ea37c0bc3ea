package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.LifecycleHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.fake.FakeCallControl.Request;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.port.AcceptRequest;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallControl;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Accepting webhooks: retries, duplicates, capacity, and building the lifecycle. */
class CallLifecycleTest {
  private final LifecycleHarness h = new LifecycleHarness();

  @AfterEach
  void close() throws InterruptedException {
    h.close();
  }

  @Test
  void accept_sendsProfileAndTools() {
    Tool lookup = Tool.withoutParameters("lookup", "Look up", c -> ToolResult.ok("{}"));
    CallLifecycle lifecycle = h.builder().tools(List.of(lookup)).build();

    assertThat(deliver(lifecycle, "wh_1", "rtc_1")).isEqualTo(AcceptOutcome.ACCEPTED);

    List<Request> accepts = h.control.requests("accept");
    assertThat(accepts).hasSize(1);
    assertThat(accepts.get(0).callId()).isEqualTo(new CallId("rtc_1"));
    AcceptRequest request = (AcceptRequest) accepts.get(0).detail();
    assertThat(request.profile()).isEqualTo(LifecycleHarness.PROFILE);
    // end_call is always offered; transfers only when configured.
    assertThat(request.tools()).extracting(Tool::name).containsExactly("end_call", "lookup");
    assertThat(request.tools()).contains(lookup);
    assertThat(h.observer.accepted()).isEqualTo(1);
    assertThat(lifecycle.activeCalls()).isEqualTo(1);
    h.socket("rtc_1");
  }

  @Test
  void accept404_callGoneWithoutSocket() {
    h.control.failNext(404);
    CallLifecycle lifecycle = h.builder().build();

    assertThat(deliver(lifecycle, "wh_1", "rtc_1")).isEqualTo(AcceptOutcome.CALL_GONE);

    assertThat(h.control.requests("accept")).hasSize(1);
    assertThat(h.countingChannel.attempts()).isZero();
    assertThat(h.observer.ended()).containsExactly(EndReason.CALL_GONE);
    assertThat(lifecycle.activeCalls()).isZero();
    assertThat(h.sink.started()).isEmpty();
    assertThat(deliver(lifecycle, "wh_1", "rtc_1")).isEqualTo(AcceptOutcome.DUPLICATE);
  }

  @Test
  void accept500Twice_retriedAndAccepted() {
    h.control.failNext(500).failNext(500);
    CallLifecycle lifecycle = h.builder().build();

    assertThat(deliver(lifecycle, "wh_1", "rtc_1")).isEqualTo(AcceptOutcome.ACCEPTED);

    assertThat(h.control.requests("accept")).hasSize(3);
    h.socket("rtc_1");
    assertThat(h.observer.ended()).isEmpty();
  }

  @Test
  void acceptTimingOut_retriedLikeA5xx() {
    h.control.failNext(0);
    CallLifecycle lifecycle = h.builder().build();

    assertThat(deliver(lifecycle, "wh_1", "rtc_1")).isEqualTo(AcceptOutcome.ACCEPTED);
    assertThat(h.control.requests("accept")).hasSize(2);
    h.socket("rtc_1");
  }

  @Test
  void accept400_failsWithoutRetry() {
    h.control.failNext(400);
    CallLifecycle lifecycle = h.builder().build();

    assertThat(deliver(lifecycle, "wh_1", "rtc_1")).isEqualTo(AcceptOutcome.FAILED);

    assertThat(h.control.requests("accept")).hasSize(1);
    assertThat(h.observer.ended()).containsExactly(EndReason.ACCEPT_FAILED);
    assertThat(lifecycle.activeCalls()).isZero();
  }

  @Test
  void acceptAlways500_failsWithinBudgetAndTheWebhookRetryCanAcceptAgain() {
    // Each attempt takes 300 ms of the fake clock; the budget is 2 s.
    List<Instant> attempts = new CopyOnWriteArrayList<>();
    AtomicBoolean failing = new AtomicBoolean(true);
    CallControl slowAndFailing =
        new DelegatingControl(h.control) {
          @Override
          public void accept(CallId callId, AcceptRequest request) {
            attempts.add(h.clock.instant());
            h.clock.advance(Duration.ofMillis(300));
            if (failing.get()) {
              throw new AdapterException("fake", "accept", 500, true, "down", null);
            }
            super.accept(callId, request);
          }
        };
    CallLifecycle lifecycle = h.builder().callControl(slowAndFailing).build();
    Instant deadline = h.clock.instant().plus(LifecycleHarness.SETTINGS.acceptBudget());

    assertThat(deliver(lifecycle, "wh_1", "rtc_1")).isEqualTo(AcceptOutcome.FAILED);

    assertThat(attempts).hasSizeGreaterThan(1).allMatch(t -> t.isBefore(deadline));
    assertThat(h.observer.ended()).containsExactly(EndReason.ACCEPT_FAILED);
    assertThat(lifecycle.activeCalls()).isZero();
    assertThat(h.countingChannel.attempts()).isZero();

    failing.set(false);
    assertThat(deliver(lifecycle, "wh_1", "rtc_1")).isEqualTo(AcceptOutcome.ACCEPTED);
    assertThat(h.control.requests("accept")).hasSize(1);
    h.socket("rtc_1");
  }

  @Test
  void sameWebhookAfterSuccess_duplicateWithoutSecondAccept() {
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    assertThat(deliver(lifecycle, "wh_rtc_1", "rtc_1")).isEqualTo(AcceptOutcome.DUPLICATE);
    socket.drop(true);
    await().until(() -> lifecycle.activeCalls() == 0);
    assertThat(deliver(lifecycle, "wh_rtc_1", "rtc_1")).isEqualTo(AcceptOutcome.DUPLICATE);

    assertThat(h.control.requests("accept")).hasSize(1);
    assertThat(h.opens("rtc_1")).isEqualTo(1);
  }

  @Test
  void sameCallIdConcurrently_oneAcceptedOthersDuplicate() throws Exception {
    CallLifecycle lifecycle = h.builder().build();
    int deliveries = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService senders = Executors.newFixedThreadPool(deliveries);
    List<AcceptOutcome> outcomes = new ArrayList<>();
    try {
      List<Future<AcceptOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < deliveries; i++) {
        String webhookId = "wh_" + i;
        futures.add(
            senders.submit(
                () -> {
                  go.await();
                  return deliver(lifecycle, webhookId, "rtc_1");
                }));
      }
      go.countDown();
      for (Future<AcceptOutcome> f : futures) {
        outcomes.add(f.get(10, TimeUnit.SECONDS));
      }
    } finally {
      senders.shutdownNow();
    }

    assertThat(outcomes).filteredOn(o -> o == AcceptOutcome.ACCEPTED).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o == AcceptOutcome.DUPLICATE).hasSize(deliveries - 1);
    assertThat(h.control.requests("accept")).hasSize(1);
    assertThat(lifecycle.activeCalls()).isEqualTo(1);
    h.socket("rtc_1");
    assertThat(h.opens("rtc_1")).isEqualTo(1);
  }

  @Test
  void atCapacity_rejectedBusyWith486() {
    CallLifecycle lifecycle = h.builder().maxConcurrentCalls(1).build();
    FakeRealtimeChannel.Socket first = h.acceptLive(lifecycle, "rtc_1");

    assertThat(deliver(lifecycle, "wh_2", "rtc_2")).isEqualTo(AcceptOutcome.REJECTED_BUSY);

    assertThat(h.control.requests("reject"))
        .containsExactly(new Request("reject", new CallId("rtc_2"), 486));
    assertThat(h.control.requests("accept")).hasSize(1);
    assertThat(h.observer.ended()).containsExactly(EndReason.REJECTED_BUSY);
    assertThat(lifecycle.activeCalls()).isEqualTo(1);
    assertThat(deliver(lifecycle, "wh_2", "rtc_2")).isEqualTo(AcceptOutcome.DUPLICATE);

    first.drop(true);
    await().until(() -> lifecycle.activeCalls() == 0);
    assertThat(deliver(lifecycle, "wh_3", "rtc_3")).isEqualTo(AcceptOutcome.ACCEPTED);
  }

  @Test
  void busyRejectFails_stillRejectedBusy() {
    CallLifecycle lifecycle = h.builder().maxConcurrentCalls(1).build();
    h.acceptLive(lifecycle, "rtc_1");
    h.control.failNext(500);

    assertThat(deliver(lifecycle, "wh_2", "rtc_2")).isEqualTo(AcceptOutcome.REJECTED_BUSY);
    assertThat(h.control.requests("reject")).hasSize(1);
  }

  @Test
  void build_withoutPortsOrThreads_isRefused() {
    assertThatThrownBy(() -> CallLifecycle.builder().settings(LifecycleHarness.SETTINGS).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("callControl");
    assertThatThrownBy(() -> h.builder().threads(null, h.workers).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("scheduler");
  }

  /** Passes everything to another control; override what a test changes. */
  private static class DelegatingControl implements CallControl {
    private final CallControl delegate;

    DelegatingControl(CallControl delegate) {
      this.delegate = delegate;
    }

    @Override
    public void accept(CallId callId, AcceptRequest request) {
      delegate.accept(callId, request);
    }

    @Override
    public void reject(CallId callId, int sipStatusCode) {
      delegate.reject(callId, sipStatusCode);
    }

    @Override
    public void refer(CallId callId, String targetUri) {
      delegate.refer(callId, targetUri);
    }

    @Override
    public void hangUp(CallId callId) {
      delegate.hangUp(callId);
    }
  }
}
