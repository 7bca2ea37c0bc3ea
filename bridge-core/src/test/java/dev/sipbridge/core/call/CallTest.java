package dev.sipbridge.core.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallTest {
  private static final Instant T1 = Instant.parse("2026-01-01T00:00:05Z");
  private static final Instant T2 = Instant.parse("2026-01-01T00:00:09Z");

  private final Call call = new Call(TestCalls.incoming("rtc_1"));

  @Test
  void newCall_isIncomingWithoutEndOrLiveTime() {
    assertThat(call.state()).isEqualTo(CallState.INCOMING);
    assertThat(call.endReason()).isEmpty();
    assertThat(call.liveSince()).isEmpty();
    assertThat(call.id()).isEqualTo(new CallId("rtc_1"));
  }

  @Test
  void acceptedThenLive_recordsFirstLiveTime() {
    assertThat(call.accepted()).isTrue();
    assertThat(call.live(T1)).isTrue();
    assertThat(call.live(T2)).as("a re-attached socket is no new move").isTrue();

    assertThat(call.state()).isEqualTo(CallState.LIVE);
    assertThat(call.liveSince()).contains(T1);
  }

  @Test
  void liveBeforeAccepted_isRefused() {
    assertThat(call.live(T1)).isFalse();
    assertThat(call.state()).isEqualTo(CallState.INCOMING);
    assertThat(call.liveSince()).isEmpty();
  }

  @Test
  void acceptedTwice_secondIsRefused() {
    assertThat(call.accepted()).isTrue();
    assertThat(call.accepted()).isFalse();
  }

  @Test
  void end_firstReasonWins() {
    call.accepted();
    call.live(T1);

    assertThat(call.end(EndReason.AGENT_HUNG_UP)).isTrue();
    assertThat(call.end(EndReason.CALLER_HUNG_UP)).isFalse();
    assertThat(call.end(EndReason.ACCEPT_FAILED)).isFalse();

    assertThat(call.state()).isEqualTo(CallState.ENDED);
    assertThat(call.endReason()).contains(EndReason.AGENT_HUNG_UP);
  }

  @Test
  void acceptFailed_isFailed() {
    assertThat(call.end(EndReason.ACCEPT_FAILED)).isTrue();
    assertThat(call.state()).isEqualTo(CallState.FAILED);
    assertThat(call.endReason()).contains(EndReason.ACCEPT_FAILED);
  }

  @Test
  void socketFailedBeforeLive_isFailed() {
    call.accepted();
    assertThat(call.end(EndReason.SOCKET_FAILED)).isTrue();
    assertThat(call.state()).isEqualTo(CallState.FAILED);
  }

  @Test
  void socketFailedAfterTalking_isEnded() {
    call.accepted();
    call.live(T1);
    assertThat(call.end(EndReason.SOCKET_FAILED)).isTrue();
    assertThat(call.state()).isEqualTo(CallState.ENDED);
    assertThat(call.endReason()).contains(EndReason.SOCKET_FAILED);
  }

  @Test
  void callGoneBeforeAccept_isEnded() {
    assertThat(call.end(EndReason.CALL_GONE)).isTrue();
    assertThat(call.state()).isEqualTo(CallState.ENDED);
  }

  @Test
  void endedCall_cannotGoLiveOrBeAccepted() {
    call.end(EndReason.CALLER_HUNG_UP);
    assertThat(call.accepted()).isFalse();
    assertThat(call.live(T1)).isFalse();
    assertThat(call.state()).isEqualTo(CallState.ENDED);
  }

  @Test
  void toString_namesIdAndState() {
    assertThat(call.toString()).contains("rtc_1").contains("INCOMING");
  }
}
