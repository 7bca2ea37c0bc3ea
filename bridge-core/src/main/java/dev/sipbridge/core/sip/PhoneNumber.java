package dev.sipbridge.core.sip;

import java.util.List;
import java.util.Optional;

/**
 * A party's number as found in a SIP header: E.164 when it could be read as such, else the raw user
 * part; {@code anonymous} when the caller withheld it.
 */
public record PhoneNumber(String raw, Optional<String> e164, boolean anonymous) {
  public static final PhoneNumber UNKNOWN = new PhoneNumber("", Optional.empty(), true);

  public PhoneNumber {
    raw = raw == null ? "" : raw;
    e164 = e164 == null ? Optional.empty() : e164;
  }

  /**
   * Reads the number from one address-header value such as {@code From}, {@code To} or {@code
   * P-Asserted-Identity}: a name-addr ({@code "Doe, Jane" <sip:+1...@host>;tag=x}), an addr-spec
   * ({@code sip:}, {@code sips:}, {@code tel:}) or a bare number. With several comma-separated
   * identities, the first one that is E.164 wins, else the first one. Anonymous users, the {@code
   * anonymous.invalid} host and Twilio's withheld-ID numbers read as anonymous (without E.164).
   * Pure and thread-safe; never throws; {@code null} or blank input gives {@link #UNKNOWN}.
   */
  public static PhoneNumber parse(String headerValue) {
    return headerValue == null
        ? UNKNOWN
        : SipHeaderParser.identity(List.of(headerValue)).orElse(UNKNOWN);
  }

  /** The number for display and for Twilio: E.164 if known, else the raw text. */
  public String value() {
    return e164.orElse(raw);
  }

  /** For logs: {@code +1555***4567}; short or odd values are hidden entirely. */
  public String masked() {
    if (anonymous) {
      return "anonymous";
    }
    return mask(value());
  }

  /** Masks any phone-number-like text: keeps the first five and last four characters. */
  public static String mask(String number) {
    if (number == null || number.isEmpty()) {
      return "";
    }
    int len = number.length();
    if (len <= 8) {
      return "***";
    }
    // The SPEC's +1555***4567: last four kept, at most five leading characters, and never fewer
    // than three hidden, so a short national number does not show all but one digit.
    int hidden = Math.max(3, len - 9);
    return number.substring(0, len - 4 - hidden) + "***" + number.substring(len - 4);
  }

  @Override
  public String toString() {
    return masked();
  }
}
