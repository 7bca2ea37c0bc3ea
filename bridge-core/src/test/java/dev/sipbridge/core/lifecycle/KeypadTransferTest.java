package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.LifecycleHarness.dtmf;
import static dev.sipbridge.core.lifecycle.LifecycleHarness.systemNotes;
import static dev.sipbridge.core.lifecycle.LifecycleHarness.timeline;
import static dev.sipbridge.core.lifecycle.TransferFixture.CALLER;
import static dev.sipbridge.core.lifecycle.TransferFixture.COLD_TARGET;
import static dev.sipbridge.core.lifecycle.TransferFixture.CONFERENCE;
import static dev.sipbridge.core.lifecycle.TransferFixture.HUMAN;
import static dev.sipbridge.core.lifecycle.TransferFixture.HUMAN_LABEL;
import static dev.sipbridge.core.lifecycle.TransferFixture.RTC_1;
import static dev.sipbridge.core.lifecycle.TransferFixture.TOKEN;
import static dev.sipbridge.core.lifecycle.TransferFixture.liveInConference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.port.ConferenceParticipant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transfer key (DTMF_TRANSFER_DIGIT): a transfer without asking the model. */
class KeypadTransferTest {
  private static final Optional<String> ZERO = Optional.of("0");

  private final LifecycleHarness h = new LifecycleHarness();

  @AfterEach
  void close() throws InterruptedException {
    h.close();
  }

  @Test
  void transferKeyOnTheVoiceRoute_dialsTheHumanAndTellsTheModel() {
    CallLifecycle lifecycle = h.voiceRoute(TransferFixture.warm(ZERO)).build();
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);

    socket.receive(dtmf("0"));

    await().until(() -> timeline(socket).size() == 3);
    assertThat(timeline(socket)).containsExactly("response.create", "note", "response.create");
    assertThat(systemNotes(socket).get(0)).contains("pressed 0").contains("human agent is being");
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
    assertThat(h.observer.tools()).isEmpty();
    await().until(() -> h.sink.rendered().contains("Caller pressed 0"));
  }

  @Test
  void transferKeyPressedTwice_ringsTheHumanOnce() {
    CallLifecycle lifecycle = h.voiceRoute(TransferFixture.warm(ZERO)).build();
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);

    socket.receive(dtmf("0"));
    await().until(() -> systemNotes(socket).size() == 1);
    socket.receive(dtmf("0"));

    await().until(() -> systemNotes(socket).size() == 2);
    assertThat(h.twilio.added()).hasSize(2);
    assertThat(systemNotes(socket).get(1)).contains("human agent is being");
  }

  @Test
  void transferKeyTheHumanDoesNotAnswer_modelToldOfThatToo() {
    CallLifecycle lifecycle = h.voiceRoute(TransferFixture.warm(ZERO)).build();
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);
    socket.receive(dtmf("0"));
    // The note goes out once the human is dialled and ringing.
    await().until(() -> systemNotes(socket).size() == 1);
    lifecycle
        .warmTransfer()
        .orElseThrow()
        .conferenceEvent("participant-leave", CONFERENCE, HUMAN_LABEL, "busy");

    assertThat(systemNotes(socket)).hasSize(2);
    assertThat(systemNotes(socket).get(1)).contains("'busy'");
  }

  @Test
  void transferKeyUnknownConference_modelToldTheTransferFailed() {
    CallLifecycle lifecycle = h.voiceRoute(TransferFixture.warm(ZERO)).build();
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, false);

    socket.receive(dtmf("0"));

    await().until(() -> timeline(socket).size() == 3);
    assertThat(timeline(socket)).containsExactly("response.create", "note", "response.create");
    assertThat(systemNotes(socket).get(0)).contains("pressed 0").contains("transfer failed");
    assertThat(h.twilio.added()).isEmpty();
  }

  @Test
  void transferKeyWithOnlyAColdTarget_refersAtOnce() {
    CallLifecycle lifecycle = h.builder().transfers(TransferFixture.cold(ZERO)).build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    socket.receive(dtmf("0"));

    await().until(() -> h.control.requests("refer").size() == 1);
    assertThat(h.control.requests("refer").get(0).callId()).isEqualTo(RTC_1);
    assertThat(h.control.requests("refer").get(0).detail()).isEqualTo(COLD_TARGET);
    assertThat(systemNotes(socket)).isEmpty();
  }

  @Test
  void transferKeyOnATrunkCallWithBothTransfers_refers() {
    TransferSettings both =
        new TransferSettings(Optional.of(HUMAN), HUMAN_LABEL, Optional.of(COLD_TARGET), ZERO);
    CallLifecycle lifecycle = h.voiceRoute(both).build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    socket.receive(dtmf("0"));

    await().until(() -> h.control.requests("refer").size() == 1);
    assertThat(h.twilio.added()).isEmpty();
  }

  @Test
  void otherKey_onlyATranscriptLine() {
    CallLifecycle lifecycle = h.voiceRoute(TransferFixture.warm(ZERO)).build();
    FakeRealtimeChannel.Socket socket = liveInConference(h, lifecycle, true);

    socket.receive(dtmf("5"));

    await().until(() -> h.sink.rendered().contains("Caller pressed 5"));
    assertThat(timeline(socket)).containsExactly("response.create");
    assertThat(h.twilio.added()).hasSize(1);
    assertThat(h.control.requests("refer")).isEmpty();
  }

  @Test
  void noTransferKeyConfigured_zeroIsJustAKey() {
    CallLifecycle lifecycle = h.builder().transfers(TransferFixture.cold(Optional.empty())).build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    socket.receive(dtmf("0"));

    await().until(() -> h.sink.rendered().equals(List.of("Caller pressed 0")));
    assertThat(timeline(socket)).containsExactly("response.create");
    assertThat(h.control.requests("refer")).isEmpty();
  }
}
