package dev.sipbridge.testkit;

import java.time.Duration;

/** One step of a {@link ConversationScript}; the player turns each into realtime events. */
sealed interface ScriptStep {

  /** When the caller's transcription arrives, relative to the agent's next response. */
  enum Transcription {
    /** Right after the user item, before the agent responds. */
    ON_TIME,
    /** After the agent's next response (the real service does this often). */
    LATE,
    /** Transcription fails: {@code ...input_audio_transcription.failed}, no text. */
    FAILED
  }

  /** How the script ends once every step has played. */
  enum Ending {
    /** The caller hangs up: the socket closes with 1000. */
    CALLER_HANGS_UP,
    /** Wait for the bridge's {@code /hangup}; the call fails by bridge after the timeout. */
    AWAIT_BRIDGE_HANGUP,
    /** Nothing happens: the socket stays open until someone closes it. */
    STAY_OPEN
  }

  /**
   * The caller speaks {@code text}.
   *
   * @param deltas number of transcription deltas; 0 means one per word
   */
  record CallerTurn(String text, int deltas, Transcription transcription) implements ScriptStep {}

  /**
   * The agent speaks {@code text} in one response.
   *
   * @param deltas number of transcript deltas; 0 means one per word
   * @param greeting whether this is the opening line the bridge may have to ask for
   */
  record AgentTurn(String text, int deltas, boolean greeting) implements ScriptStep {}

  /** The caller presses a DTMF key. */
  record KeyPress(String key) implements ScriptStep {}

  /** The model calls function {@code name}; the script waits for the bridge's answer. */
  record ToolCall(String name, String arguments) implements ScriptStep {}

  /** Nothing happens for a while. */
  record Pause(Duration duration) implements ScriptStep {}

  /** The last step. */
  record End(Ending ending) implements ScriptStep {}
}
