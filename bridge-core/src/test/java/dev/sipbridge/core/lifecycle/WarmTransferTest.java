package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.LifecycleHarness.outputs;
import static dev.sipbridge.core.lifecycle.LifecycleHarness.systemNotes;
import static dev.sipbridge.core.lifecycle.LifecycleHarness.timeline;
import static dev.sipbridge.core.lifecycle.TransferFixture.CALLER;
import static dev.sipbridge.core.lifecycle.TransferFixture.CONFERENCE;
import static dev.sipbridge.core.lifecycle.TransferFixture.HUMAN_LABEL;
import static dev.sipbridge.core.lifecycle.TransferFixture.RTC_1;
import static dev.sipbridge.core.lifecycle.TransferFixture.TOKEN;
import static dev.sipbridge.core.lifecycle.TransferFixture.liveInConference;
import static dev.sipbridge.core.lifecycle.TransferFixture.modelCalls;
import static dev.sipbridge.core.tool.ProtocolEvents.message;
import static dev.sipbridge.core.tool.ProtocolEvents.responseCreated;
import static dev.sipbridge.core.tool.ProtocolEvents.responseDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.port.ConferenceParticipant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The voice route: the voice webhook dials the agent in; conference events end or inform it. */
class WarmTransferTest {
  private final LifecycleHarness h = new LifecycleHarness();
  private final CallLifecycle lifecycle = h.voiceRoute(TransferFixture.warm()).build();
  private final WarmTransfer warm = lifecycle.warmTransfer().orElseThrow();

  @AfterEach
  void close() throws InterruptedException {
    h.close();
  }

  @Test
  void callArrived_dialsTheAgentIntoTheCallersConference() {
    assertThat(warm.callArrived(CONFERENCE, CALLER, TOKEN)).isTrue();

    assertThat(h.twilio.added())
        .containsExactly(
            new ConferenceParticipant(
                CONFERENCE,
                CALLER,
                "sip:proj_x@sip.api.openai.com;transport=tls?X-conferenceName=CA123",
                Optional.of(TOKEN),
                "virtual agent",
                Optional.of(LifecycleHarness.EVENTS_URL)));
    assertThat(h.control.requests()).isEmpty();
  }

  @Test
  void callArrived_twilioFails_falseAndTheConferenceIsForgotten() {
    h.twilio.failNext(500);

    assertThat(warm.callArrived(CONFERENCE, CALLER, TOKEN)).isFalse();

    assertThat(h.twilio.added()).hasSize(1);
    // Nothing was remembered: a later transfer in that conference has no token to use.
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, false);
    modelCalls(socket, "call_h", BuiltInTools.TRANSFER_TO_HUMAN);
    assertThat(outputs(socket, "call_h").get(0).has("error")).isTrue();
    assertThat(h.twilio.added()).hasSize(1);
  }

  @Test
  void noVoiceRoute_noWarmTransfer() {
    assertThat(h.builder().transfers(TransferFixture.warm()).build().warmTransfer()).isEmpty();
  }

  @Test
  void humanJoins_agentLegHungUpAndTheCallEndsTransferred() {
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);
    modelCalls(socket, "call_h", BuiltInTools.TRANSFER_TO_HUMAN);

    warm.conferenceEvent("participant-join", CONFERENCE, HUMAN_LABEL, "");

    await().until(() -> h.control.requests("hangup").size() == 1);
    assertThat(h.control.requests("hangup").get(0).callId()).isEqualTo(RTC_1);
    assertThat(h.observer.ended()).isEmpty();
    socket.drop(true);

    await().until(() -> h.sink.ended().size() == 1);
    assertThat(h.sink.ended().get(0).endReason()).isEqualTo(EndReason.TRANSFERRED);
    assertThat(h.observer.ended()).containsExactly(EndReason.TRANSFERRED);
    assertThat(systemNotes(socket)).isEmpty();
    assertThat(lifecycle.activeCalls()).isZero();
  }

  @Test
  void humanNotReached_modelToldOnceAndTheCallGoesOn() {
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);
    modelCalls(socket, "call_h", BuiltInTools.TRANSFER_TO_HUMAN);
    socket.receive(responseCreated("resp_2"));
    socket.receive(responseDone("resp_2", message("Connecting you to a person now.")));

    warm.conferenceEvent("participant-leave", CONFERENCE, HUMAN_LABEL, "no-answer");
    // Twilio may repeat a callback: the model hears of the failure once.
    warm.conferenceEvent("participant-leave", CONFERENCE, HUMAN_LABEL, "no-answer");

    assertThat(timeline(socket))
        .containsExactly(
            "response.create", "output:call_h", "response.create", "note", "response.create");
    assertThat(systemNotes(socket))
        .singleElement()
        .asString()
        .contains("transfer to a human agent failed")
        .contains("no-answer");
    socket.drop(true);
    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.CALLER_HUNG_UP);
    assertThat(h.control.requests("hangup")).isEmpty();
  }

  @Test
  void eachNotReachedStatus_isToldToTheModel() {
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);
    List<String> statuses = List.of("busy", "failed", "canceled");
    for (String status : statuses) {
      modelCalls(socket, "call_" + status, BuiltInTools.TRANSFER_TO_HUMAN);
      warm.conferenceEvent("participant-leave", CONFERENCE, HUMAN_LABEL, status);
    }

    assertThat(systemNotes(socket)).hasSize(3);
    for (int i = 0; i < statuses.size(); i++) {
      assertThat(systemNotes(socket).get(i)).contains("'" + statuses.get(i) + "'");
    }
    assertThat(h.twilio.added()).hasSize(4);
  }

  @Test
  void leaveWithoutADial_doesNothing() {
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);

    warm.conferenceEvent("participant-leave", CONFERENCE, HUMAN_LABEL, "no-answer");

    assertThat(timeline(socket)).containsExactly("response.create");
  }

  @Test
  void leaveCompletedAfterTheJoin_doesNothingMore() {
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);
    modelCalls(socket, "call_h", BuiltInTools.TRANSFER_TO_HUMAN);
    warm.conferenceEvent("participant-join", CONFERENCE, HUMAN_LABEL, "");
    await().until(() -> h.control.requests("hangup").size() == 1);
    List<String> before = timeline(socket);

    warm.conferenceEvent("participant-leave", CONFERENCE, HUMAN_LABEL, "completed");

    assertThat(timeline(socket)).isEqualTo(before);
    assertThat(systemNotes(socket)).isEmpty();
    assertThat(h.control.requests("hangup")).hasSize(1);
    assertThat(h.twilio.added()).hasSize(2);
  }

  @Test
  void otherLabelsAndConferences_doNothing() {
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);
    modelCalls(socket, "call_h", BuiltInTools.TRANSFER_TO_HUMAN);
    List<String> before = timeline(socket);

    for (String label : List.of("customer", "virtual agent")) {
      warm.conferenceEvent("participant-join", CONFERENCE, label, "");
      warm.conferenceEvent("participant-leave", CONFERENCE, label, "no-answer");
      warm.conferenceEvent("participant-leave", CONFERENCE, label, "completed");
    }
    warm.conferenceEvent("participant-join", "CA999", HUMAN_LABEL, "");
    warm.conferenceEvent("participant-mute", CONFERENCE, HUMAN_LABEL, "");

    assertThat(timeline(socket)).isEqualTo(before);
    // Nothing marked the call as ending: a normal close is the caller hanging up.
    socket.drop(true);
    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.CALLER_HUNG_UP);
    assertThat(h.control.requests("hangup")).isEmpty();
  }
}
