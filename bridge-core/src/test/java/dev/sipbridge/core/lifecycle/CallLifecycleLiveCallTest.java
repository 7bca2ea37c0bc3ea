package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.LifecycleHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.AgentProfile;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.TestCalls;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A live call: socket and greeting, shutdown draining, and nothing left behind. */
class CallLifecycleLiveCallTest {
  private final LifecycleHarness h = new LifecycleHarness();

  @AfterEach
  void close() throws InterruptedException {
    h.close();
  }

  @Test
  void accepted_opensTheSocketAndGreetsFirst() {
    CallLifecycle lifecycle = h.builder().build();

    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    await().until(() -> !socket.sent().isEmpty());
    String first = socket.sent().get(0);
    assertThat(LifecycleHarness.read(first).path("type").asText()).isEqualTo("response.create");
    assertThat(LifecycleHarness.read(first).path("response").path("instructions").asText())
        .contains(LifecycleHarness.WELCOME);
    assertThat(socket.sent()).hasSize(1);
    assertThat(h.observer.socketOpens()).containsExactly(false);
    await().until(() -> h.sink.started().size() == 1);
    assertThat(h.sink.started().get(0).id()).isEqualTo(new CallId("rtc_1"));
  }

  @Test
  void noWelcomeMessage_noGreeting() {
    AgentProfile quiet =
        new AgentProfile(
            "gpt-realtime-2.1",
            "marin",
            "Be brief.",
            java.util.Optional.of("   "),
            java.util.Optional.empty(),
            java.util.Optional.empty());
    CallLifecycle lifecycle =
        h.builder()
            .settings(
                new LifecycleSettings(
                    quiet,
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2),
                    Duration.ofMillis(100),
                    3,
                    Duration.ofHours(1)))
            .build();

    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    // A frame is handled under the session's lock, so the socket-open work is complete after it.
    socket.receive("{\"type\":\"session.created\",\"session\":{}}");

    assertThat(h.observer.socketOpens()).containsExactly(false);
    assertThat(socket.sent()).isEmpty();
  }

  @Test
  void shutdown_newCallsNotReadyAndTheLiveCallMayFinish() throws Exception {
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    ExecutorService stopper = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Void> stopped =
          CompletableFuture.runAsync(
              () -> lifecycle.shutdown(Duration.ofSeconds(10), Duration.ofSeconds(1)), stopper);
      await().until(() -> !lifecycle.isAccepting());

      assertThat(deliver(lifecycle, "wh_2", "rtc_2")).isEqualTo(AcceptOutcome.NOT_READY);
      assertThat(stopped).isNotDone();
      assertThat(lifecycle.activeCalls()).isEqualTo(1);

      socket.drop(true);

      stopped.get(10, TimeUnit.SECONDS);
    } finally {
      stopper.shutdownNow();
    }
    assertThat(h.observer.ended()).containsExactly(EndReason.CALLER_HUNG_UP);
    assertThat(h.sink.ended())
        .extracting(t -> t.endReason())
        .containsExactly(EndReason.CALLER_HUNG_UP);
    assertThat(h.control.requests("accept")).hasSize(1);
    assertThat(lifecycle.activeCalls()).isZero();
  }

  @Test
  void shutdownDrainExpires_liveCallEndedAndSinksFlushed() {
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    lifecycle.shutdown(Duration.ofMillis(100), Duration.ofSeconds(2));

    assertThat(socket.isClosed()).isTrue();
    assertThat(h.observer.ended()).containsExactly(EndReason.SHUTDOWN);
    assertThat(h.sink.ended()).extracting(t -> t.endReason()).containsExactly(EndReason.SHUTDOWN);
    assertThat(lifecycle.activeCalls()).isZero();
    assertThat(lifecycle.isAccepting()).isFalse();
  }

  @Test
  void thousandCalls_leaveNothingBehind() {
    CallLifecycle lifecycle = h.builder().build();
    int calls = 1_000;
    int batch = 100;
    for (int from = 0; from < calls; from += batch) {
      List<CompletableFuture<AcceptOutcome>> outcomes = new ArrayList<>();
      for (int i = from; i < from + batch; i++) {
        outcomes.add(
            lifecycle
                .onIncomingCall("wh_" + i, TestCalls.incoming("rtc_" + i))
                .toCompletableFuture());
      }
      outcomes.forEach(o -> assertThat(o.join()).isEqualTo(AcceptOutcome.ACCEPTED));
      int first = from;
      await()
          .until(
              () ->
                  java.util.stream.IntStream.range(first, first + batch)
                      .allMatch(i -> h.opens("rtc_" + i) == 1));
      for (int i = from; i < from + batch; i++) {
        h.socket("rtc_" + i).drop(true);
      }
    }

    await().until(() -> h.sink.ended().size() == calls);
    assertThat(lifecycle.activeCalls()).isZero();
    assertThat(h.observer.ended()).hasSize(calls).containsOnly(EndReason.CALLER_HUNG_UP);
    assertThat(h.control.requests("accept")).hasSize(calls);
    // No per-call timer is left queued holding on to a finished call.
    assertThat(h.scheduler.getQueue()).isEmpty();
    lifecycle.hangUp(new CallId("rtc_0"), EndReason.AGENT_HUNG_UP);
    assertThat(h.control.requests("hangup")).isEmpty();
  }
}
