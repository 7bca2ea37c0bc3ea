package dev.sipbridge.core.sip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forwarding read from {@code History-Info} (RFC 7044): the entry with the lowest {@code index} is
 * the number originally dialled; the reason is the SIP cause of a retarget, carried as an escaped
 * {@code ?Reason=SIP;cause=302} URI header or an RFC 4458 {@code ;cause=} URI parameter.
 */
final class HistoryInfo {
  private static final Map<String, String> CAUSES =
      Map.of(
          "302", "unconditional",
          "486", "user-busy",
          "408", "no-answer",
          "480", "deflection",
          "487", "deflection",
          "404", "unknown",
          "503", "unavailable");

  /** Entries without a readable index sort after indexed ones, in header order. */
  private static final Comparator<Hop> BY_INDEX =
      Comparator.comparing(Hop::index, Comparator.nullsLast(Arrays::compare));

  private record Hop(int[] index, NameAddr entry) {}

  private HistoryInfo() {}

  /** Empty unless there are at least two hops: a single entry records no retarget. */
  static Optional<Forwarding> forwarding(List<NameAddr> entries) {
    if (entries.size() < 2) {
      return Optional.empty();
    }
    List<Hop> hops = new ArrayList<>(entries.size());
    for (NameAddr entry : entries) {
      hops.add(new Hop(index(entry.params().getOrDefault("index", "")), entry));
    }
    hops.sort(BY_INDEX); // stable: equal indexes keep header order
    Optional<PhoneNumber> original = Optional.empty();
    Optional<String> reason = Optional.empty();
    for (Hop hop : hops) {
      SipUri uri = SipUri.parse(hop.entry().uri());
      if (original.isEmpty()) {
        original = NumberReader.read(hop.entry());
      }
      if (reason.isEmpty()) {
        reason = cause(uri).map(HistoryInfo::reasonOf);
      }
      if (original.isPresent() && reason.isPresent()) {
        break;
      }
    }
    Optional<String> why = reason;
    return original.map(from -> new Forwarding(from, why));
  }

  /** {@code 302} → {@code unconditional}, ...; unlisted codes read {@code cause <n>}. */
  static String reasonOf(String cause) {
    return CAUSES.getOrDefault(cause, "cause " + cause);
  }

  /** The SIP cause of this hop: its Reason header first, then its {@code cause} parameter. */
  private static Optional<String> cause(SipUri uri) {
    for (String header : uri.headers().split("&", -1)) {
      int eq = header.indexOf('=');
      if (eq > 0 && header.substring(0, eq).trim().equalsIgnoreCase("Reason")) {
        String value = HeaderScanner.percentDecode(header.substring(eq + 1));
        for (String reason : HeaderScanner.entries(value)) {
          int semi = reason.indexOf(';');
          String protocol = semi < 0 ? reason : reason.substring(0, semi);
          // Q.850 causes are ISDN codes, not SIP responses: only the SIP protocol counts.
          Optional<String> code =
              protocol.trim().equalsIgnoreCase("SIP")
                  ? code(HeaderScanner.params(reason, semi).get("cause"))
                  : Optional.empty();
          if (code.isPresent()) {
            return code;
          }
        }
      }
    }
    return code(uri.params().get("cause"));
  }

  /** A three-digit SIP status code, or empty. */
  private static Optional<String> code(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    boolean valid = trimmed.length() == 3;
    for (int i = 0; valid && i < 3; i++) {
      valid = trimmed.charAt(i) >= '0' && trimmed.charAt(i) <= '9';
    }
    return valid ? Optional.of(trimmed) : Optional.empty();
  }

  /** {@code 1.1.2} → {1, 1, 2}; anything else (empty, letters, huge) → null. */
  private static int[] index(String text) {
    String[] parts = text.trim().split("\\.", -1);
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 9) {
        return null;
      }
      for (int j = 0; j < part.length(); j++) {
        if (part.charAt(j) < '0' || part.charAt(j) > '9') {
          return null;
        }
      }
      out[i] = Integer.parseInt(part);
    }
    return out;
  }
}
