package dev.sipbridge.core.sip;

import java.util.List;
import java.util.Optional;

/**
 * Reads who is calling whom out of the INVITE's headers. Caller: {@code P-Asserted-Identity}, then
 * {@code Remote-Party-ID} (calling party), then {@code From}; {@code Privacy: id} withholds it.
 * Called: {@code To}. Forwarding: {@code Diversion}, else {@code History-Info}. Conference: {@code
 * X-conferenceName} or {@code X-Conference-Name}. Linear in the headers' size; never throws.
 */
final class SipHeaderParser {
  private SipHeaderParser() {}

  static CallParties parties(SipHeaders headers) {
    PhoneNumber caller = caller(headers);
    PhoneNumber called = identity(values(headers, "To", "t")).orElse(PhoneNumber.UNKNOWN);
    Optional<Forwarding> forwarding =
        Forwarding.of(
            NameAddr.all(headers.all("Diversion")), NameAddr.all(headers.all("History-Info")));
    return new CallParties(
        caller,
        called,
        forwarding.map(Forwarding::from),
        forwarding.flatMap(Forwarding::reason),
        conferenceName(headers));
  }

  /** The best identity among all entries of the given header values. */
  static Optional<PhoneNumber> identity(List<String> values) {
    return NumberReader.best(NameAddr.all(values));
  }

  private static PhoneNumber caller(SipHeaders headers) {
    Optional<PhoneNumber> caller = identity(headers.all("P-Asserted-Identity"));
    if (caller.isEmpty()) {
      List<NameAddr> callingParty = NameAddr.all(headers.all("Remote-Party-ID"));
      // RPID may also describe the called party; only 'party=calling' (the default) is the caller.
      callingParty.removeIf(
          e -> !e.params().getOrDefault("party", "calling").equalsIgnoreCase("calling"));
      caller = NumberReader.best(callingParty);
    }
    if (caller.isEmpty()) {
      caller = identity(values(headers, "From", "f"));
    }
    PhoneNumber found = caller.orElse(PhoneNumber.UNKNOWN);
    return withheld(headers) && !found.anonymous() ? PhoneNumber.UNKNOWN : found;
  }

  /** {@code Privacy: id} (RFC 3325): the network knows the caller but must not show them. */
  private static boolean withheld(SipHeaders headers) {
    for (String value : headers.all("Privacy")) {
      for (String token : value.split("[;,]", -1)) {
        if (token.trim().equalsIgnoreCase("id")) {
          return true;
        }
      }
    }
    return false;
  }

  private static Optional<String> conferenceName(SipHeaders headers) {
    for (SipHeader header : headers.asList()) {
      String name = header.name();
      if (name.equalsIgnoreCase("X-conferenceName") || name.equalsIgnoreCase("X-Conference-Name")) {
        String value = header.value().trim();
        if (!value.isEmpty()) {
          return Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }

  /** The values of {@code name}, or of its RFC 3261 compact form when the long one is absent. */
  private static List<String> values(SipHeaders headers, String name, String compact) {
    List<String> values = headers.all(name);
    return values.isEmpty() ? headers.all(compact) : values;
  }
}
