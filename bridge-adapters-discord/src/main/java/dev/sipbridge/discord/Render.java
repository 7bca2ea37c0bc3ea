package dev.sipbridge.discord;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.sip.CallParties;
import dev.sipbridge.core.sip.PhoneNumber;
import dev.sipbridge.core.transcript.CallTranscript;
import java.time.Instant;

/** What the sink's announcement and final messages say. */
final class Render {
  /** Discord's limit on channel (thread) names. */
  static final int THREAD_NAME_LIMIT = 100;

  private Render() {}

  /**
   * The announcement: call id, caller, called number, forwarding and conference when present. The
   * operator's channel shows the real numbers; only logs mask them.
   */
  static String announcement(IncomingCall call) {
    CallParties parties = call.parties();
    StringBuilder b = new StringBuilder("Call ").append(call.id()).append(" started");
    b.append("\nFrom: ").append(number(parties.caller()));
    b.append("\nTo: ").append(number(parties.called()));
    if (parties.forwardedFrom().isPresent() || parties.forwardingReason().isPresent()) {
      b.append("\nForwarded from: ")
          .append(parties.forwardedFrom().map(Render::number).orElse("unknown"));
      parties.forwardingReason().ifPresent(r -> b.append(" (").append(r).append(')'));
    }
    parties.conferenceName().ifPresent(c -> b.append("\nConference: ").append(c));
    // header values are caller-controlled: neutralise and bound them like transcript text
    return MessageText.truncate(MessageText.neutralise(b.toString()), MessageText.LIMIT);
  }

  /** {@code Call +1555***4567 rtc_...}: thread names are visible in channel lists, so masked. */
  static String threadName(IncomingCall call) {
    String name = "Call " + call.parties().caller().masked() + " " + call.id();
    return MessageText.truncate(name, THREAD_NAME_LIMIT);
  }

  /** The final message, inline when it fits, else a header plus a text attachment. */
  static Item.Final transcript(CallTranscript transcript, Instant now) {
    CallId id = transcript.call().id();
    int n = transcript.lines().size();
    String header = "Transcript of call " + id + " (" + n + (n == 1 ? " line)" : " lines)");
    String text = transcript.render();
    String inline = n == 0 ? header : header + "\n" + MessageText.neutralise(text);
    if (MessageText.length(inline) <= MessageText.LIMIT) {
      return new Item.Final(id, inline, null, null, now);
    }
    return new Item.Final(id, header, fileName(id), text + "\n", now);
  }

  /** {@code transcript-<call id>.txt}, with anything but {@code [A-Za-z0-9_-]} replaced. */
  static String fileName(CallId id) {
    return "transcript-" + id.value().replaceAll("[^A-Za-z0-9_-]", "_") + ".txt";
  }

  private static String number(PhoneNumber number) {
    if (number.anonymous()) {
      return "anonymous";
    }
    String value = number.value();
    return value.isEmpty() ? "unknown" : value;
  }
}
