package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.sip.PhoneNumber;
import dev.sipbridge.core.store.CallEvent;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tells the call's record each transfer tried and how it went; phone numbers are masked. */
final class TransferEvents {
  static final String COLD = "cold";
  static final String WARM = "warm";
  private static final Pattern NUMBER = Pattern.compile("\\+?\\d{6,}");

  private final CallEventListener events;
  private final Clock clock;

  TransferEvents(CallEventListener events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  void told(CallId id, String kind, String target, TransferOutcome outcome) {
    events.onEvent(
        new CallEvent.Transfer(id, clock.instant(), kind, masked(target), outcome.label()));
  }

  /** {@code tel:+15551234567} → {@code tel:+1555***4567}; a SIP URI keeps its host. */
  static String masked(String target) {
    Matcher m = NUMBER.matcher(target);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(PhoneNumber.mask(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }
}
