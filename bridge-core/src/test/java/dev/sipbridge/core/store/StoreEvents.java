package dev.sipbridge.core.store;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import dev.sipbridge.core.transcript.Speaker;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Call events for store tests: one call's story told the way the lifecycle tells it. */
public final class StoreEvents {
  /** When the first test call comes in. */
  public static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  private StoreEvents() {}

  /** A trunk call from {@code from} to +18005551212, coming in at {@code at}. */
  public static CallEvent.Started started(String callId, String from, Instant at) {
    SipHeaders headers =
        SipHeaders.of(
            List.of(
                new SipHeader("From", "sip:" + from + "@sip.example.com"),
                new SipHeader("To", "sip:+18005551212@sip.example.com"),
                new SipHeader("Call-ID", "sip-" + callId)));
    return new CallEvent.Started(IncomingCall.of(new CallId(callId), headers, at), at);
  }

  /** A voice-route call forwarded (no answer) from +15550000001, in conference {@code CA1}. */
  public static CallEvent.Started forwarded(String callId, Instant at) {
    SipHeaders headers =
        SipHeaders.of(
            List.of(
                new SipHeader("From", "sip:+15557654321@sip.example.com"),
                new SipHeader("To", "sip:+18005550100@sip.example.com"),
                new SipHeader("Diversion", "<sip:+15550000001@h>;reason=no-answer"),
                new SipHeader("X-conferenceName", "CA1"),
                new SipHeader("Call-ID", "sip-" + callId)));
    return new CallEvent.Started(IncomingCall.of(new CallId(callId), headers, at), at);
  }

  public static CallEvent.Started started(String callId, Instant at) {
    return started(callId, "+15551234567", at);
  }

  public static CallEvent.Line line(
      String callId, long sequence, Speaker speaker, String text, Instant at) {
    return new CallEvent.Line(
        new TranscriptLine(
            new CallId(callId),
            sequence,
            speaker,
            TranscriptLine.Kind.SPEECH,
            text,
            "item_" + sequence,
            at));
  }

  public static CallEvent.Line keypress(String callId, long sequence, String key, Instant at) {
    return new CallEvent.Line(
        new TranscriptLine(
            new CallId(callId),
            sequence,
            Speaker.CALLER,
            TranscriptLine.Kind.KEYPRESS,
            key,
            "",
            at));
  }

  public static CallEvent.Line interrupted(String callId, long sequence, String text, Instant at) {
    return new CallEvent.Line(
        new TranscriptLine(
            new CallId(callId),
            sequence,
            Speaker.AGENT,
            TranscriptLine.Kind.SPEECH,
            text,
            "item_" + sequence,
            at,
            true));
  }

  public static CallEvent.Ended ended(
      String callId, Instant at, EndReason reason, List<Long> conversationOrder) {
    return new CallEvent.Ended(new CallId(callId), at, reason, conversationOrder);
  }

  /**
   * A whole short call: started, accepted, socket open, {@code lines} lines alternating caller and
   * agent ({@code "line 1"}, ...), one usage report, ended by the caller.
   */
  public static List<CallEvent> wholeCall(String callId, Instant at, int lines) {
    CallId id = new CallId(callId);
    List<CallEvent> events = new ArrayList<>();
    events.add(started(callId, at));
    events.add(new CallEvent.Accepted(id, at.plusMillis(300)));
    events.add(new CallEvent.SocketOpened(id, at.plusMillis(500), false));
    List<Long> order = new ArrayList<>();
    for (int i = 1; i <= lines; i++) {
      events.add(
          line(
              callId,
              i,
              i % 2 == 1 ? Speaker.CALLER : Speaker.AGENT,
              "line " + i,
              at.plusSeconds(i)));
      order.add((long) i);
    }
    events.add(new CallEvent.Usage(id, at.plusSeconds(lines), 10, 100, 20, 200));
    events.add(ended(callId, at.plusSeconds(lines + 1L), EndReason.CALLER_HUNG_UP, order));
    return events;
  }

  public static CallEvent.ToolRun toolRun(String callId, Instant at, String name) {
    return new CallEvent.ToolRun(
        new CallId(callId),
        at,
        name,
        "{\"city\":\"Oslo\"}",
        "{\"forecast\":\"sunny\"}",
        "ok",
        Duration.ofMillis(42));
  }
}
