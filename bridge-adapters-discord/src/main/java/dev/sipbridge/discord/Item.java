package dev.sipbridge.discord;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Instant;

/** One queued piece of work of one call; its age counts from {@link #since()}. */
sealed interface Item {
  CallId call();

  Instant since();

  /**
   * The call's announcement.
   *
   * @param threadName the thread to open with it, or null
   */
  record Announcement(CallId call, String content, String threadName, Instant since)
      implements Item {}

  /** One transcript line; {@code text} is what Discord shows (rendered, neutralised). */
  record Line(TranscriptLine line, String text) implements Item {
    @Override
    public CallId call() {
      return line.callId();
    }

    @Override
    public Instant since() {
      return line.emittedAt();
    }
  }

  /**
   * The call's whole transcript.
   *
   * @param fileName the attachment's name, or null when {@code content} holds it all
   * @param fileText the attachment's text, or null
   */
  record Final(CallId call, String content, String fileName, String fileText, Instant since)
      implements Item {}
}
