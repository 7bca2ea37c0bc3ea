package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.LifecycleHarness.deliver;
import static dev.sipbridge.core.lifecycle.LifecycleHarness.outputs;
import static dev.sipbridge.core.lifecycle.LifecycleHarness.timeline;
import static dev.sipbridge.core.lifecycle.TransferFixture.CALLER;
import static dev.sipbridge.core.lifecycle.TransferFixture.CONFERENCE;
import static dev.sipbridge.core.lifecycle.TransferFixture.HUMAN;
import static dev.sipbridge.core.lifecycle.TransferFixture.HUMAN_LABEL;
import static dev.sipbridge.core.lifecycle.TransferFixture.TOKEN;
import static dev.sipbridge.core.lifecycle.TransferFixture.liveInConference;
import static dev.sipbridge.core.lifecycle.TransferFixture.modelCalls;
import static dev.sipbridge.core.tool.ProtocolEvents.message;
import static dev.sipbridge.core.tool.ProtocolEvents.responseCreated;
import static dev.sipbridge.core.tool.ProtocolEvents.responseDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.TestCalls;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.lifecycle.RecordingObserver.ToolFinished;
import dev.sipbridge.core.port.AcceptRequest;
import dev.sipbridge.core.port.ConferenceParticipant;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolOutcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which built-in tools a call is offered, {@code transfer_to_human}, and what end_call adds. */
class BuiltInToolsTest {
  private final LifecycleHarness h = new LifecycleHarness();
  private final CallLifecycle lifecycle = h.voiceRoute(TransferFixture.warm()).build();

  @AfterEach
  void close() throws InterruptedException {
    h.close();
  }

  @Test
  void voiceRouteCall_offeredTransferToHumanAndEndCall() {
    liveInConference(h, lifecycle, true);

    assertThat(offered("rtc_1")).containsExactly("end_call", "transfer_to_human");
  }

  @Test
  void trunkCall_offeredEndCallOnly() {
    assertThat(deliver(lifecycle, "wh_2", "rtc_2")).isEqualTo(AcceptOutcome.ACCEPTED);

    assertThat(offered("rtc_2")).containsExactly("end_call");
  }

  @Test
  void voiceRouteWithoutAHumanNumber_noTransferToHuman() {
    CallLifecycle noHuman = h.voiceRoute(TransferSettings.none()).build();

    h.acceptLive(noHuman, TestCalls.inConference("rtc_1", CONFERENCE));

    assertThat(offered("rtc_1")).containsExactly("end_call");
  }

  @Test
  void transferToHuman_dialsTheHumanAndAnswersOnce() {
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);

    modelCalls(socket, "call_h", BuiltInTools.TRANSFER_TO_HUMAN);

    // The SIP From of the OpenAI leg differs from the caller: the remembered caller is used.
    assertThat(h.twilio.added()).hasSize(2);
    assertThat(h.twilio.added().get(1))
        .isEqualTo(
            new ConferenceParticipant(
                CONFERENCE,
                CALLER,
                HUMAN,
                Optional.of(TOKEN),
                HUMAN_LABEL,
                Optional.of(LifecycleHarness.EVENTS_URL)));
    assertThat(timeline(socket))
        .containsExactly("response.create", "output:call_h", "response.create");
    JsonNode output = outputs(socket, "call_h").get(0);
    assertThat(output.path("status").asText()).isEqualTo("calling_human");
    assertThat(output.path("message").asText()).contains("human agent is being called");
    assertThat(h.observer.tools())
        .containsExactly(new ToolFinished("transfer_to_human", ToolOutcome.OK));
    assertThat(h.control.requests("hangup")).isEmpty();
  }

  @Test
  void transferToHuman_unknownConference_errorAndNobodyDialled() {
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, false);

    modelCalls(socket, "call_h", BuiltInTools.TRANSFER_TO_HUMAN);

    assertThat(h.twilio.added()).isEmpty();
    assertThat(timeline(socket))
        .containsExactly("response.create", "output:call_h", "response.create");
    assertThat(outputs(socket, "call_h").get(0).path("error").asText())
        .contains("conference is no longer known");
    assertThat(h.observer.tools())
        .containsExactly(new ToolFinished("transfer_to_human", ToolOutcome.FAILED));
  }

  @Test
  void transferToHuman_twilioFails_errorNamingTheFailure() {
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);
    h.twilio.failNext(400);

    modelCalls(socket, "call_h", BuiltInTools.TRANSFER_TO_HUMAN);

    assertThat(h.twilio.added()).hasSize(2);
    assertThat(timeline(socket))
        .containsExactly("response.create", "output:call_h", "response.create");
    assertThat(outputs(socket, "call_h").get(0).path("error").asText())
        .contains("could not be started")
        .contains("HTTP 400");
    // Nobody is ringing: a leave callback does not tell the model a second time.
    lifecycle
        .warmTransfer()
        .orElseThrow()
        .conferenceEvent("participant-leave", CONFERENCE, HUMAN_LABEL, "failed");
    assertThat(timeline(socket)).hasSize(3);
  }

  @Test
  void transferToHumanOnATrunkCall_errorAndNobodyDialled() {
    // Not offered there, but a model may call it anyway.
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_2");

    modelCalls(socket, "call_h", BuiltInTools.TRANSFER_TO_HUMAN);

    assertThat(h.twilio.added()).isEmpty();
    assertThat(outputs(socket, "call_h"))
        .singleElement()
        .satisfies(o -> assertThat(o.path("error").asText()).contains("voice route"));
  }

  @Test
  void endCall_hangsUpAGraceAfterTheGoodbyeIsDoneWhenNoAudioStopComes() {
    CallLifecycle plain = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(plain, "rtc_1");

    modelCalls(socket, "call_e", BuiltInTools.END_CALL);
    assertThat(outputs(socket, "call_e").get(0).path("status").asText()).isEqualTo("ending");
    socket.receive(responseCreated("resp_bye"));
    assertThat(h.control.requests("hangup")).isEmpty();
    socket.receive(responseDone("resp_bye", message("Goodbye!")));

    await().until(() -> h.control.requests("hangup").size() == 1);
    assertThat(h.control.requests("hangup").get(0).callId()).isEqualTo(new CallId("rtc_1"));
    socket.drop(true);
    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.AGENT_HUNG_UP);
  }

  /** The tool names the accept of {@code callId} offered. */
  private List<String> offered(String callId) {
    return h.control.requests("accept").stream()
        .filter(r -> r.callId().equals(new CallId(callId)))
        .map(r -> ((AcceptRequest) r.detail()).tools())
        .findFirst()
        .orElseThrow()
        .stream()
        .map(Tool::name)
        .toList();
  }
}
