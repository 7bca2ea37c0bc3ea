package dev.sipbridge.core.call;

import dev.sipbridge.core.sip.CallParties;
import dev.sipbridge.core.sip.SipHeaders;
import java.time.Instant;
import java.util.Objects;

/** A verified {@code realtime.call.incoming}: the call, its SIP headers and who is calling whom. */
public record IncomingCall(CallId id, SipHeaders headers, CallParties parties, Instant receivedAt) {
  public IncomingCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(parties, "parties");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** Parses the parties from the headers. */
  public static IncomingCall of(CallId id, SipHeaders headers, Instant receivedAt) {
    return new IncomingCall(id, headers, CallParties.from(headers), receivedAt);
  }
}
