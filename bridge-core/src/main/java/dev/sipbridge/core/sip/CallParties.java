package dev.sipbridge.core.sip;

import java.util.Optional;

/**
 * Who is calling whom, read from the INVITE's headers.
 *
 * @param forwardedFrom the number the caller originally dialled, when the call was forwarded
 * @param forwardingReason the carrier's reason for forwarding ({@code no-answer}, ...), if given
 * @param conferenceName the Twilio conference of the voice route ({@code X-conferenceName})
 */
public record CallParties(
    PhoneNumber caller,
    PhoneNumber called,
    Optional<PhoneNumber> forwardedFrom,
    Optional<String> forwardingReason,
    Optional<String> conferenceName) {

  /** Reads the parties from the headers; never throws on odd input. */
  public static CallParties from(SipHeaders headers) {
    return SipHeaderParser.parties(headers);
  }
}
