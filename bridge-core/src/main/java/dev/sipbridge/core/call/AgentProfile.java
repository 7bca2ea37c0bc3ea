package dev.sipbridge.core.call;

import java.util.Optional;

/**
 * Who the agent is on every call: what goes into the accept payload and the greeting.
 *
 * @param transcriptionModel caller transcription model; empty turns caller transcription off
 * @param transcriptionLanguage ISO-639-1 language of the caller; empty means auto-detect
 * @param welcomeMessage spoken first when the socket opens; empty means no greeting
 */
public record AgentProfile(
    String model,
    String voice,
    String instructions,
    Optional<String> welcomeMessage,
    Optional<String> transcriptionModel,
    Optional<String> transcriptionLanguage) {

  public AgentProfile {
    requireText("model", model);
    requireText("voice", voice);
    requireText("instructions", instructions);
    welcomeMessage = welcomeMessage.filter(s -> !s.isBlank());
    transcriptionModel = transcriptionModel.filter(s -> !s.isBlank());
    transcriptionLanguage = transcriptionLanguage.filter(s -> !s.isBlank());
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank, was: " + value);
    }
  }
}
