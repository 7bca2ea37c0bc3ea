package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.fake.FakeCallControl;
import dev.sipbridge.core.port.WebhookVerifier.CallIncoming;
import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the webhook route answers (SPEC §2), on the bridge wired with fake adapters: the fake
 * verifier says what each delivery is, the fake call control records and fails on demand.
 */
class WebhookRouteTest {
  private RunningBridge bridge;

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  void oversizedBody_is413AndNothingIsAsked() throws Exception {
    bridge = RunningBridge.withFakeAdapters(Map.of(), Extensions.none());

    // Only the headers are sent: the 413 must come from the declared length alone, without the
    // body being read. (Sending the whole body races the server's close against the client's
    // write, an HTTP matter, not the bridge's.)
    int status;
    try (Socket socket = new Socket("127.0.0.1", bridge.bridge.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /openai/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Content-Type: application/json\r\nContent-Length: "
                      + (1024 * 1024 + 1)
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      status = Integer.parseInt(statusLine.split(" ")[1]);
    }

    assertThat(status).isEqualTo(413);
    assertThat(control().requests()).isEmpty();
  }

  @Test
  void sameWebhookDeliveredTwice_acceptsOnce() throws Exception {
    bridge = RunningBridge.withFakeAdapters(Map.of(), Extensions.none());
    CallIncoming delivery = new CallIncoming("wh_twice", call("rtc_twice"));

    assertThat(deliver(delivery)).isEqualTo(200);
    assertThat(deliver(delivery)).isEqualTo(200);

    assertThat(control().requests("accept")).hasSize(1);
  }

  @Test
  void acceptKeepsFailing_is500AfterRetries() throws Exception {
    bridge = RunningBridge.withFakeAdapters(Map.of(), Extensions.none());
    for (int i = 0; i < 20; i++) {
      control().failNext(500);
    }

    assertThat(deliver(new CallIncoming("wh_failing", call("rtc_failing")))).isEqualTo(500);

    assertThat(control().requests("accept").size()).isGreaterThan(1);
    assertThat(bridge.fakes().fakeRealtimeChannel().opens(new CallId("rtc_failing"))).isZero();
  }

  @Test
  void acceptFindsTheCallGone_is200AndNoSocket() throws Exception {
    bridge = RunningBridge.withFakeAdapters(Map.of(), Extensions.none());
    control().failNext(404);

    assertThat(deliver(new CallIncoming("wh_gone", call("rtc_gone")))).isEqualTo(200);

    assertThat(control().requests("accept")).hasSize(1);
    assertThat(bridge.fakes().fakeRealtimeChannel().opens(new CallId("rtc_gone"))).isZero();
  }

  @Test
  void overCapacity_rejectsBusyWith486() throws Exception {
    bridge = RunningBridge.withFakeAdapters(Map.of("MAX_CONCURRENT_CALLS", "1"), Extensions.none());

    assertThat(deliver(new CallIncoming("wh_cap1", call("rtc_cap1")))).isEqualTo(200);
    assertThat(deliver(new CallIncoming("wh_cap2", call("rtc_cap2")))).isEqualTo(200);

    assertThat(control().requests("reject"))
        .containsExactly(new FakeCallControl.Request("reject", new CallId("rtc_cap2"), 486));
    assertThat(control().requests("accept"))
        .extracting(FakeCallControl.Request::callId)
        .containsExactly(new CallId("rtc_cap1"));
    assertThat(bridge.get("/metrics").body())
        .contains("bridge_webhook_requests_total{outcome=\"rejected_busy\"} 1.0");
  }

  private FakeCallControl control() {
    return bridge.fakes().fakeCallControl();
  }

  /** Posts a delivery the fake verifier reads as {@code event}; returns the HTTP status. */
  private int deliver(CallIncoming event) throws Exception {
    bridge.fakes().fakeWebhookVerifier().willReturn(event);
    return bridge
        .post(
            "/openai/webhook",
            Map.of("Content-Type", "application/json"),
            "{}".getBytes(StandardCharsets.UTF_8))
        .statusCode();
  }

  private static IncomingCall call(String callId) {
    return IncomingCall.of(
        new CallId(callId),
        SipHeaders.of(
            List.of(
                new SipHeader("From", "sip:+14155550123@sip.twilio.com"),
                new SipHeader("To", "sip:+18005550100@sip.twilio.com"))),
        Instant.now());
  }
}
