package dev.sipbridge.core.port;

/**
 * Dials legs into the caller's Twilio conference (the voice route's warm transfer). Blocks until
 * Twilio answered; thread-safe; throws {@link AdapterException} on failure and never retries a
 * request on its own (a repeated POST could ring the human twice).
 */
public interface CallTransfer {
  /**
   * Adds a participant with early media off.
   *
   * @return the new leg's call SID
   */
  String addParticipant(ConferenceParticipant participant);
}
