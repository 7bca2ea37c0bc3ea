package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.LifecycleHarness.outputs;
import static dev.sipbridge.core.lifecycle.LifecycleHarness.systemNotes;
import static dev.sipbridge.core.lifecycle.LifecycleHarness.timeline;
import static dev.sipbridge.core.lifecycle.TransferFixture.COLD_TARGET;
import static dev.sipbridge.core.lifecycle.TransferFixture.RTC_1;
import static dev.sipbridge.core.lifecycle.TransferFixture.modelCalls;
import static dev.sipbridge.core.tool.ProtocolEvents.audioStopped;
import static dev.sipbridge.core.tool.ProtocolEvents.message;
import static dev.sipbridge.core.tool.ProtocolEvents.responseCreated;
import static dev.sipbridge.core.tool.ProtocolEvents.responseDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.fake.FakeCallControl.Request;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.port.AcceptRequest;
import dev.sipbridge.core.tool.Tool;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code transfer_call}: a SIP REFER once the agent has said it is transferring. */
class ColdTransferTest {
  private final LifecycleHarness h = new LifecycleHarness();

  /**
   * One worker thread, so a task queued after the refer runs only once the refer's worker task
   * (request, then marking the call TRANSFERRED) is over.
   */
  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  private final CallLifecycle lifecycle =
      h.builder()
          .threads(h.scheduler, worker)
          .transfers(TransferFixture.cold(Optional.empty()))
          .build();

  @AfterEach
  void close() throws InterruptedException {
    worker.shutdownNow();
    assertThat(worker.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    h.close();
  }

  @Test
  void accept_offersTransferCall() {
    h.acceptLive(lifecycle, "rtc_1");

    AcceptRequest accept = (AcceptRequest) h.control.requests("accept").get(0).detail();
    assertThat(accept.tools()).extracting(Tool::name).containsExactly("end_call", "transfer_call");
  }

  @Test
  void transferCall_refersOnlyAfterTheAnswerIsSpokenThenEndsTransferred() {
    FakeRealtimeChannel.Socket socket = greeted();

    modelCalls(socket, "call_t", BuiltInTools.TRANSFER_CALL);

    assertThat(timeline(socket))
        .containsExactly("response.create", "output:call_t", "response.create");
    assertThat(outputs(socket, "call_t").get(0).path("status").asText()).isEqualTo("transferring");
    socket.receive(responseCreated("resp_say"));
    assertThat(h.control.requests("refer")).isEmpty();
    socket.receive(audioStopped("resp_say"));

    await().until(() -> h.control.requests("refer").size() == 1);
    Request refer = h.control.requests("refer").get(0);
    assertThat(refer.callId()).isEqualTo(RTC_1);
    assertThat(refer.detail()).isEqualTo(COLD_TARGET);
    workerDone();
    socket.drop(true);

    await().until(() -> h.sink.ended().size() == 1);
    assertThat(h.sink.ended().get(0).endReason()).isEqualTo(EndReason.TRANSFERRED);
    assertThat(h.observer.ended()).containsExactly(EndReason.TRANSFERRED);
    assertThat(h.control.requests("hangup")).isEmpty();
    assertThat(systemNotes(socket)).isEmpty();
  }

  @Test
  void transferCall_noAudioStop_refersAGraceAfterTheAnswerIsDone() {
    FakeRealtimeChannel.Socket socket = greeted();
    modelCalls(socket, "call_t", BuiltInTools.TRANSFER_CALL);
    socket.receive(responseCreated("resp_say"));
    assertThat(h.control.requests("refer")).isEmpty();

    socket.receive(responseDone("resp_say", message("Transferring you now.")));

    await().until(() -> h.control.requests("refer").size() == 1);
    assertThat(h.control.requests("refer").get(0).detail()).isEqualTo(COLD_TARGET);
  }

  @Test
  void referFails_modelToldAndTheCallGoesOn() {
    FakeRealtimeChannel.Socket socket = greeted();
    modelCalls(socket, "call_t", BuiltInTools.TRANSFER_CALL);
    // The fake fails the next request of any kind: the accept is done, the refer is next.
    h.control.failNext(500);
    socket.receive(responseCreated("resp_say"));
    socket.receive(responseDone("resp_say", message("Transferring you now.")));

    await().until(() -> systemNotes(socket).size() == 1);
    assertThat(h.control.requests("refer")).hasSize(1);
    assertThat(systemNotes(socket).get(0)).contains("transfer").contains("failed");
    await().until(() -> timeline(socket).size() == 5);
    assertThat(timeline(socket))
        .containsExactly(
            "response.create", "output:call_t", "response.create", "note", "response.create");

    socket.drop(true);
    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.CALLER_HUNG_UP);
  }

  private FakeRealtimeChannel.Socket greeted() {
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    await().until(() -> timeline(socket).equals(List.of("response.create")));
    return socket;
  }

  private void workerDone() {
    try {
      worker.submit(() -> {}).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the worker did not finish", e);
    }
  }
}
