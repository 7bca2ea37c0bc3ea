package dev.sipbridge.core.sip;

import java.util.Optional;

/**
 * Who is calling whom, read from the INVITE's headers. See {@code docs/sip-headers.md} for which
 * header feeds which field and in what order of precedence.
 *
 * @param caller from {@code P-Asserted-Identity}, else {@code Remote-Party-ID}, else {@code From};
 *     {@link PhoneNumber#UNKNOWN} when absent or withheld by {@code Privacy: id}
 * @param called from {@code To}
 * @param forwardedFrom the number the caller originally dialled, when the call was forwarded
 * @param forwardingReason the carrier's reason for forwarding, lower-case ({@code no-answer},
 *     {@code user-busy}, {@code cause 600}, ...), if given
 * @param conferenceName the Twilio conference of the voice route ({@code X-conferenceName})
 */
public record CallParties(
    PhoneNumber caller,
    PhoneNumber called,
    Optional<PhoneNumber> forwardedFrom,
    Optional<String> forwardingReason,
    Optional<String> conferenceName) {

  /**
   * Reads the parties from the headers. Pure and thread-safe; linear in the headers' size; never
   * throws on odd input (null values, garbage, unbalanced brackets or quotes, huge values).
   */
  public static CallParties from(SipHeaders headers) {
    return SipHeaderParser.parties(headers);
  }
}
