package dev.sipbridge.core.port;

import java.util.Objects;
import java.util.Optional;

/**
 * A leg to dial into a Twilio conference (the voice route): the OpenAI SIP leg, or the human of a
 * warm transfer.
 *
 * @param conferenceName the conference's friendly name (the caller's {@code CallSid})
 * @param from the caller's number, shown to the dialled party (allowed thanks to the call token)
 * @param to an E.164 number or a {@code sip:} URI
 * @param callToken Twilio's token of the incoming call, passed back byte for byte
 * @param label the participant label ({@code virtual agent}, {@code human agent})
 */
public record ConferenceParticipant(
    String conferenceName, String from, String to, Optional<String> callToken, String label) {
  public ConferenceParticipant {
    Objects.requireNonNull(conferenceName, "conferenceName");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    callToken = callToken == null ? Optional.empty() : callToken;
    Objects.requireNonNull(label, "label");
  }
}
