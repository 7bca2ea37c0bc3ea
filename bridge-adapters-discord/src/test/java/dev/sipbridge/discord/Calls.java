package dev.sipbridge.discord;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.sip.CallParties;
import dev.sipbridge.core.sip.PhoneNumber;
import dev.sipbridge.core.sip.SipHeaders;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.Speaker;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Test calls and lines. */
final class Calls {
  static final PhoneNumber CALLER = e164("+15551234567");
  static final PhoneNumber CALLED = e164("+15557654321");

  private Calls() {}

  static PhoneNumber e164(String number) {
    return new PhoneNumber(number, Optional.of(number), false);
  }

  static IncomingCall call(String id) {
    return call(
        id, new CallParties(CALLER, CALLED, Optional.empty(), Optional.empty(), Optional.empty()));
  }

  static IncomingCall call(String id, CallParties parties) {
    return new IncomingCall(new CallId(id), SipHeaders.of(List.of()), parties, Instant.now());
  }

  static TranscriptLine line(String callId, long sequence, String text) {
    return line(callId, sequence, text, Instant.now());
  }

  static TranscriptLine line(String callId, long sequence, String text, Instant emittedAt) {
    Speaker speaker = sequence % 2 == 1 ? Speaker.CALLER : Speaker.AGENT;
    return new TranscriptLine(
        new CallId(callId),
        sequence,
        speaker,
        TranscriptLine.Kind.SPEECH,
        text,
        "item_" + sequence,
        emittedAt);
  }

  static CallTranscript transcript(IncomingCall call, List<TranscriptLine> lines) {
    return new CallTranscript(call, lines, Instant.now(), EndReason.CALLER_HUNG_UP);
  }
}
