package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.TransferFixture.CONFERENCE;
import static dev.sipbridge.core.lifecycle.TransferFixture.HUMAN_LABEL;
import static dev.sipbridge.core.lifecycle.TransferFixture.liveInConference;
import static dev.sipbridge.core.lifecycle.TransferFixture.modelCalls;
import static dev.sipbridge.core.tool.ProtocolEvents.functionCall;
import static dev.sipbridge.core.tool.ProtocolEvents.message;
import static dev.sipbridge.core.tool.ProtocolEvents.responseCreated;
import static dev.sipbridge.core.tool.ProtocolEvents.responseDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The call's story as the store hears it: tool runs and transfers with their outcome. */
class CallEventsTest {
  private final LifecycleHarness h = new LifecycleHarness();
  private final List<CallEvent> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws InterruptedException {
    h.close();
  }

  @Test
  void toolRun_toldWithItsArgumentsResultOutcomeAndDuration() {
    Tool weather =
        Tool.withoutParameters(
            "weather",
            "The weather.",
            call ->
                ToolResult.ok(
                    "{\"forecast\":\"sunny in " + call.arguments().path("city").asText() + "\"}"));
    CallLifecycle lifecycle = h.builder().tools(List.of(weather)).callEvents(events::add).build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    socket.receive(
        responseDone(
            "resp_1",
            functionCall("call_w", "weather", "{\"city\":\"Oslo\"}"),
            functionCall("call_x", "nope", "{}")));

    await().until(() -> toolRuns().size() == 2);
    CallEvent.ToolRun ok =
        toolRuns().stream().filter(t -> t.name().equals("weather")).findFirst().orElseThrow();
    assertThat(ok.callId().value()).isEqualTo("rtc_1");
    assertThat(ok.arguments()).isEqualTo("{\"city\":\"Oslo\"}");
    assertThat(ok.result()).isEqualTo("{\"forecast\":\"sunny in Oslo\"}");
    assertThat(ok.outcome()).isEqualTo("ok");
    assertThat(ok.took().isNegative()).isFalse();
    assertThat(toolRuns()).extracting(CallEvent.ToolRun::outcome).contains("unknown_tool");
    // The metrics still hear of both.
    assertThat(h.observer.tools()).hasSize(2);
  }

  @Test
  void coldTransfer_requestedThenFailed_toldWithTheNumberMasked() {
    CallLifecycle lifecycle =
        h.builder()
            .transfers(TransferFixture.cold(Optional.empty()))
            .callEvents(events::add)
            .build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    await().until(() -> LifecycleHarness.timeline(socket).size() == 1);

    modelCalls(socket, "call_t", BuiltInTools.TRANSFER_CALL);
    h.control.failNext(500);
    socket.receive(responseCreated("resp_say"));
    socket.receive(responseDone("resp_say", message("Transferring you now.")));

    await().until(() -> transfers().size() == 1);
    assertThat(transfers().get(0))
        .extracting(
            CallEvent.Transfer::kind, CallEvent.Transfer::target, CallEvent.Transfer::outcome)
        .containsExactly("cold", "tel:+1555***2222", "failed");
  }

  @Test
  void warmTransfer_requestedThenNotReachedThenJoined() {
    CallLifecycle lifecycle = h.voiceRoute(TransferFixture.warm()).callEvents(events::add).build();
    WarmTransfer warm = lifecycle.warmTransfer().orElseThrow();
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);

    modelCalls(socket, "call_h1", BuiltInTools.TRANSFER_TO_HUMAN);
    warm.conferenceEvent("participant-leave", CONFERENCE, HUMAN_LABEL, "busy");
    modelCalls(socket, "call_h2", BuiltInTools.TRANSFER_TO_HUMAN);
    warm.conferenceEvent("participant-join", CONFERENCE, HUMAN_LABEL, "");

    await().until(() -> transfers().size() == 4);
    assertThat(transfers())
        .extracting(CallEvent.Transfer::outcome)
        .containsExactly("requested", "busy", "requested", "joined");
    assertThat(transfers())
        .allSatisfy(
            t -> {
              assertThat(t.kind()).isEqualTo("warm");
              assertThat(t.target()).isEqualTo("+1555***0000");
              assertThat(t.callId().value()).isEqualTo("rtc_1");
            });
  }

  @Test
  void masked_keepsSipHostsAndHidesNumbers() {
    assertThat(TransferEvents.masked("sip:+15551112222@pbx.example.com"))
        .isEqualTo("sip:+1555***2222@pbx.example.com");
    assertThat(TransferEvents.masked("sip:frontdesk@pbx.example.com"))
        .isEqualTo("sip:frontdesk@pbx.example.com");
  }

  private List<CallEvent.ToolRun> toolRuns() {
    return events.stream()
        .filter(CallEvent.ToolRun.class::isInstance)
        .map(CallEvent.ToolRun.class::cast)
        .toList();
  }

  private List<CallEvent.Transfer> transfers() {
    return events.stream()
        .filter(CallEvent.Transfer.class::isInstance)
        .map(CallEvent.Transfer.class::cast)
        .toList();
  }
}
