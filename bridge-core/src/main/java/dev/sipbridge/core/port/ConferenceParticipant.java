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
 * @param conferenceStatusCallback where the conference reports joins and leaves; only the first
 *     participant to join sets it, so every leg we dial carries it
 */
public record ConferenceParticipant(
    String conferenceName,
    String from,
    String to,
    Optional<String> callToken,
    String label,
    Optional<String> conferenceStatusCallback) {

  /** A participant without a conference status callback. */
  public ConferenceParticipant(
      String conferenceName, String from, String to, Optional<String> callToken, String label) {
    this(conferenceName, from, to, callToken, label, Optional.empty());
  }

  public ConferenceParticipant {
    Objects.requireNonNull(conferenceName, "conferenceName");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    callToken = callToken == null ? Optional.empty() : callToken;
    Objects.requireNonNull(label, "label");
    conferenceStatusCallback =
        conferenceStatusCallback == null ? Optional.empty() : conferenceStatusCallback;
  }
}
