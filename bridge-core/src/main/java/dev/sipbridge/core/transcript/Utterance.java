package dev.sipbridge.core.transcript;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One conversation item as the assembler tracks it: its place in the conversation (a node of a
 * doubly linked list), the text it has accumulated, and how far it got towards being emitted.
 * Mutable, confined to the assembler's caller.
 */
final class Utterance {
  /**
   * Which line an item produces; {@code NONE} items (tools, system, text input) only hold place.
   */
  enum Role {
    CALLER,
    AGENT,
    NONE
  }

  final String id;
  final Role role;
  Utterance prev;
  Utterance next;

  /** In the conversation list (not only known from transcript events). */
  boolean linked;

  /** The watermark has walked past it: if it completes now it is emitted at once. */
  boolean visited;

  /** The utterance is complete: its text is final (possibly empty). */
  boolean done;

  /** Its line went out, or there was nothing to emit. */
  boolean emitted;

  /** Dropped by {@code conversation.item.deleted}. */
  boolean removed;

  /** When it completed while held behind an unfinished item. */
  Instant readyAt;

  String responseId;

  /** An agent item the caller talked over: truncated, its response cancelled or audio cleared. */
  boolean interrupted;

  /** Its audio was reported played to the end: a later truncation does not mark it. */
  boolean playedWhole;

  /** The emitted line, kept for the conversation-order transcript. */
  TranscriptLine line;

  /** Key presses that arrived while this item was the last of the conversation. */
  List<TranscriptLine> keysAfter;

  // "Spoken" is the caller's transcription or the agent's audio transcript; "written" is the
  // agent's text output, used only when there is no spoken text.
  private StringBuilder spoken;
  private StringBuilder written;
  private String spokenFinal;
  private String writtenFinal;

  Utterance(String id, Role role) {
    this.id = id;
    this.role = role;
  }

  void appendSpoken(String delta) {
    if (spoken == null) {
      spoken = new StringBuilder(Math.max(64, delta.length()));
    }
    spoken.append(delta);
  }

  void appendWritten(String delta) {
    if (written == null) {
      written = new StringBuilder(Math.max(64, delta.length()));
    }
    written.append(delta);
  }

  /** Records the final spoken text (when the event carried one); it wins over the deltas. */
  void finalSpoken(String text) {
    if (text != null) {
      spokenFinal = text;
    }
  }

  /** Records the final written text (when the event carried one); it wins over the deltas. */
  void finalWritten(String text) {
    if (text != null) {
      writtenFinal = text;
    }
  }

  /** Whether any spoken (audio transcript / caller transcription) text was seen. */
  boolean hasSpoken() {
    return spoken != null || spokenFinal != null;
  }

  /** The line's text, trimmed: spoken text if it has any non-blank content, else written text. */
  String text() {
    String s = spokenFinal != null ? spokenFinal : spoken == null ? null : spoken.toString();
    if (s != null && !s.isBlank()) {
      return s.trim();
    }
    String w = writtenFinal != null ? writtenFinal : written == null ? null : written.toString();
    return w == null ? "" : w.trim();
  }

  void addKeyAfter(TranscriptLine key) {
    if (keysAfter == null) {
      keysAfter = new ArrayList<>(2);
    }
    keysAfter.add(key);
  }
}
