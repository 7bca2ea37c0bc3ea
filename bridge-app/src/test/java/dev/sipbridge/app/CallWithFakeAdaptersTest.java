package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.fake.FakeTranscriptSink;
import dev.sipbridge.core.port.WebhookVerifier.CallIncoming;
import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import dev.sipbridge.core.transcript.CallTranscript;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One whole call through the wired bridge with fake adapters: the webhook in, the accept, the
 * socket, the lines to the sinks in order, the end. The same path runs against the simulators in
 * {@link CallEndToEndTest}; this one takes milliseconds and plays the socket event by event.
 */
class CallWithFakeAdaptersTest {
  private static final CallId CALL = new CallId("rtc_fake_wired");

  private RunningBridge bridge;

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  void callerAndAgentSpeakThenHangUp_linesReachTheSinkInOrderThenTheTranscript() throws Exception {
    bridge = RunningBridge.withFakeAdapters(Map.of(), Extensions.none());
    TestBridgeComponent fakes = bridge.fakes();
    fakes.fakeWebhookVerifier().willReturn(new CallIncoming("wh_fake_wired", call()));

    int status =
        bridge
            .post(
                "/openai/webhook",
                Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8))
            .statusCode();

    assertThat(status).isEqualTo(200);
    assertThat(fakes.fakeCallControl().requests("accept"))
        .extracting(r -> r.callId())
        .containsExactly(CALL);
    await().until(() -> fakes.fakeRealtimeChannel().socket(CALL).isPresent());
    FakeRealtimeChannel.Socket socket = fakes.fakeRealtimeChannel().socket(CALL).orElseThrow();

    socket.receive(itemAdded("item_1", null, "user", "input_audio"));
    socket.receive(
        "{\"type\":\"conversation.item.input_audio_transcription.completed\","
            + "\"item_id\":\"item_1\",\"content_index\":0,\"transcript\":\"Where is order 42?\"}");
    socket.receive(itemAdded("item_2", "item_1", "assistant", "output_audio"));
    socket.receive(
        "{\"type\":\"response.output_audio_transcript.done\",\"response_id\":\"resp_1\","
            + "\"item_id\":\"item_2\",\"output_index\":0,\"content_index\":0,"
            + "\"transcript\":\"It ships Thursday.\"}");

    FakeTranscriptSink sink = fakes.fakeTranscriptSink();
    await().until(() -> sink.lines().size() == 2);
    assertThat(sink.started()).extracting(IncomingCall::id).containsExactly(CALL);
    assertThat(sink.rendered())
        .containsExactly("Caller: Where is order 42?", "Agent: It ships Thursday.");

    socket.drop(true);

    await().until(() -> sink.ended().size() == 1);
    CallTranscript transcript = sink.ended().get(0);
    assertThat(transcript.endReason()).isEqualTo(EndReason.CALLER_HUNG_UP);
    assertThat(transcript.render())
        .isEqualTo("Caller: Where is order 42?\nAgent: It ships Thursday.");
    assertThat(bridge.bridge.lifecycle().activeCalls()).isZero();
  }

  private static String itemAdded(String id, String previous, String role, String content) {
    return "{\"type\":\"conversation.item.added\",\"previous_item_id\":"
        + (previous == null ? "null" : "\"" + previous + "\"")
        + ",\"item\":{\"id\":\""
        + id
        + "\",\"type\":\"message\",\"role\":\""
        + role
        + "\",\"content\":[{\"type\":\""
        + content
        + "\"}]}}";
  }

  private static IncomingCall call() {
    return IncomingCall.of(
        CALL,
        SipHeaders.of(
            List.of(
                new SipHeader("From", "sip:+14155550123@sip.twilio.com"),
                new SipHeader("To", "sip:+18005550100@sip.twilio.com"))),
        Instant.now());
  }
}
