package dev.sipbridge.core.transcript;

import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** A finished call's whole transcript, in conversation order. */
public record CallTranscript(
    IncomingCall call, List<TranscriptLine> lines, Instant endedAt, EndReason endReason) {

  public CallTranscript {
    lines = List.copyOf(lines);
  }

  /** One rendered line per text line. */
  public String render() {
    return lines.stream().map(TranscriptLine::render).collect(Collectors.joining("\n"));
  }
}
