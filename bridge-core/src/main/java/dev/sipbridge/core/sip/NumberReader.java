package dev.sipbridge.core.sip;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Turns address-header entries into {@link PhoneNumber}s: E.164 detection and anonymity rules. */
final class NumberReader {
  /** Longest raw text kept: far above any real number, small enough for logs and messages. */
  static final int MAX_RAW = 128;

  /** User parts that mean "no caller ID" (RFC 3323 and carrier practice), lower-case. */
  private static final Set<String> ANONYMOUS_USERS =
      Set.of("anonymous", "restricted", "unavailable", "unknown", "private", "withheld", "blocked");

  /** Twilio's stand-ins for withheld caller ID: ANONYMOUS, RESTRICTED, UNAVAILABLE, ... */
  private static final Set<String> TWILIO_SENTINELS =
      Set.of("+266696687", "+7378742833", "+86282452253", "+8656696", "+2562533");

  private NumberReader() {}

  /**
   * The number of one entry; empty when it has none (no user part, or punctuation only). An entry
   * whose {@code privacy} parameter ({@code Remote-Party-ID}, {@code Diversion}) hides the URI
   * reads as {@link PhoneNumber#UNKNOWN}.
   */
  static Optional<PhoneNumber> read(NameAddr entry) {
    PhoneNumber number = read(SipUri.parse(entry.uri()));
    if (number.raw().isEmpty()) {
      return Optional.empty();
    }
    String privacy = entry.params().getOrDefault("privacy", "").toLowerCase(Locale.ROOT);
    if (privacy.equals("full") || privacy.equals("uri")) {
      return Optional.of(PhoneNumber.UNKNOWN);
    }
    return Optional.of(number);
  }

  /** The first entry that is E.164, else the first entry with a number at all. */
  static Optional<PhoneNumber> best(List<NameAddr> entries) {
    Optional<PhoneNumber> first = Optional.empty();
    for (NameAddr entry : entries) {
      Optional<PhoneNumber> number = read(entry);
      if (number.isPresent() && number.get().e164().isPresent()) {
        return number;
      }
      if (first.isEmpty()) {
        first = number;
      }
    }
    return first;
  }

  /** The number in a URI's user part, with the anonymity rules applied; never null. */
  static PhoneNumber read(SipUri uri) {
    String raw = printable(uri.user().trim());
    if (!hasLetterOrDigit(raw)) {
      // Punctuation alone ('<<', '+', ';;') is debris of a broken header, not an identity.
      return PhoneNumber.UNKNOWN;
    }
    String compact = withoutSeparators(raw);
    boolean anonymous =
        ANONYMOUS_USERS.contains(raw.toLowerCase(Locale.ROOT))
            || uri.host().equals("anonymous.invalid")
            || TWILIO_SENTINELS.contains(compact);
    // A phone-context makes the number local (RFC 3966), whatever it looks like.
    boolean e164 = !anonymous && !uri.params().containsKey("phone-context") && isE164(compact);
    return new PhoneNumber(raw, e164 ? Optional.of(compact) : Optional.empty(), anonymous);
  }

  /** {@code ^\+[1-9]\d{1,14}$}, checked by hand. */
  static boolean isE164(String text) {
    int length = text.length();
    if (length < 3 || length > 16 || text.charAt(0) != '+') {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = text.charAt(i);
      if (c < (i == 1 ? '1' : '0') || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLetterOrDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetterOrDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Drops RFC 3966 visual separators and blanks: {@code +1 (415) 555-0123} is a number. */
  private static String withoutSeparators(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("-.() \t".indexOf(c) < 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Caps the length and drops control characters, so header text cannot forge log lines. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_RAW));
    for (int i = 0; i < text.length() && out.length() < MAX_RAW; i++) {
      char c = text.charAt(i);
      if (!Character.isISOControl(c)) {
        out.append(c);
      }
    }
    return out.toString().trim();
  }
}
