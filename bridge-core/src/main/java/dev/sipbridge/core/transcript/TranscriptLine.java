package dev.sipbridge.core.transcript;

import dev.sipbridge.core.call.CallId;
import java.time.Instant;
import java.util.Objects;

/**
 * One completed utterance (or key press) of a call.
 *
 * @param sequence 1-based position in the order the call emitted its lines
 * @param itemId the realtime conversation item it came from; empty for key presses
 * @param interrupted the caller barged in: the agent's words were cut off (truncated or the
 *     response cancelled), so the text holds only what the caller heard, or more
 */
public record TranscriptLine(
    CallId callId,
    long sequence,
    Speaker speaker,
    Kind kind,
    String text,
    String itemId,
    Instant emittedAt,
    boolean interrupted) {

  /** A line that was not interrupted. */
  public TranscriptLine(
      CallId callId,
      long sequence,
      Speaker speaker,
      Kind kind,
      String text,
      String itemId,
      Instant emittedAt) {
    this(callId, sequence, speaker, kind, text, itemId, emittedAt, false);
  }

  /** What the line records. */
  public enum Kind {
    /** Words, or {@code (inaudible)} when transcription failed. */
    SPEECH,
    /** A DTMF key the caller pressed; {@code text} is the key. */
    KEYPRESS
  }

  public TranscriptLine {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(emittedAt, "emittedAt");
    text = text == null ? "" : text;
    itemId = itemId == null ? "" : itemId;
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, was: " + sequence);
    }
  }

  /**
   * The line as people read it: {@code Caller: hello}, {@code Caller pressed 5}, {@code Agent: Our
   * hours are [interrupted]}.
   */
  public String render() {
    if (kind == Kind.KEYPRESS) {
      return speaker.label() + " pressed " + text;
    }
    return speaker.label() + ": " + text + (interrupted ? " [interrupted]" : "");
  }
}
