package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.LifecycleHarness.timeline;
import static dev.sipbridge.core.tool.ProtocolEvents.functionCall;
import static dev.sipbridge.core.tool.ProtocolEvents.responseDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.TestCalls;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import java.util.List;
import java.util.Optional;

/** The voice-route and transfer setup the transfer tests share. */
final class TransferFixture {
  static final String CONFERENCE = "CA123";
  static final String CALLER = "+15551230000";

  /** Twilio's tokens are percent-encoded JSON; it must come back byte for byte. */
  static final String TOKEN = "tok%7B%22iss%22%3A%22twilio%22%7D";

  static final String HUMAN = "+15559870000";
  static final String HUMAN_LABEL = "human agent";
  static final String COLD_TARGET = "tel:+15551112222";
  static final CallId RTC_1 = new CallId("rtc_1");

  private TransferFixture() {}

  /** A human to dial on the voice route; no cold transfer; {@code digit} starts a transfer. */
  static TransferSettings warm(Optional<String> digit) {
    return new TransferSettings(Optional.of(HUMAN), HUMAN_LABEL, Optional.empty(), digit);
  }

  static TransferSettings warm() {
    return warm(Optional.empty());
  }

  /** Only a cold transfer to {@link #COLD_TARGET}; {@code digit} starts it. */
  static TransferSettings cold(Optional<String> digit) {
    return new TransferSettings(Optional.empty(), HUMAN_LABEL, Optional.of(COLD_TARGET), digit);
  }

  /**
   * The caller reaches the voice webhook (unless {@code known} is false), then the OpenAI leg
   * {@code rtc_1} arrives in conference {@link #CONFERENCE} and is greeted.
   */
  static FakeRealtimeChannel.Socket liveInConference(
      LifecycleHarness h, CallLifecycle lifecycle, boolean known) {
    if (known) {
      assertThat(lifecycle.warmTransfer().orElseThrow().callArrived(CONFERENCE, CALLER, TOKEN))
          .isTrue();
    }
    FakeRealtimeChannel.Socket socket =
        h.acceptLive(lifecycle, TestCalls.inConference(RTC_1.value(), CONFERENCE));
    await().until(() -> timeline(socket).equals(List.of("response.create")));
    return socket;
  }

  /** The model calls {@code tool}; waits for its output and the response.create after it. */
  static void modelCalls(FakeRealtimeChannel.Socket socket, String toolCallId, String tool) {
    socket.receive(responseDone("resp_" + toolCallId, functionCall(toolCallId, tool, "{}")));
    await()
        .until(
            () -> {
              List<String> sent = timeline(socket);
              int output = sent.indexOf("output:" + toolCallId);
              return output >= 0 && sent.subList(output, sent.size()).contains("response.create");
            });
  }
}
