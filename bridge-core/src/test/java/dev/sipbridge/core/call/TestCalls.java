package dev.sipbridge.core.call;

import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import java.time.Instant;
import java.util.List;

/** Incoming calls for tests. */
public final class TestCalls {
  /** When every test call arrives. */
  public static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");

  private TestCalls() {}

  /** A call from +15551234567 to +18005551212 with the id {@code callId}. */
  public static IncomingCall incoming(String callId) {
    SipHeaders headers =
        SipHeaders.of(
            List.of(
                new SipHeader("From", "sip:+15551234567@sip.example.com"),
                new SipHeader("To", "sip:+18005551212@sip.example.com"),
                new SipHeader("Call-ID", "sip-" + callId)));
    return IncomingCall.of(new CallId(callId), headers, RECEIVED);
  }

  /**
   * A voice-route call: the OpenAI leg Twilio dialled into {@code conference}, so the INVITE
   * carries {@code X-conferenceName}. From and To are those of {@link #incoming}.
   */
  public static IncomingCall inConference(String callId, String conference) {
    SipHeaders headers =
        SipHeaders.of(
            List.of(
                new SipHeader("From", "sip:+15551234567@sip.example.com"),
                new SipHeader("To", "sip:+18005551212@sip.example.com"),
                new SipHeader("Call-ID", "sip-" + callId),
                new SipHeader("X-conferenceName", conference)));
    return IncomingCall.of(new CallId(callId), headers, RECEIVED);
  }
}
