package dev.sipbridge.app;

import dev.sipbridge.core.port.TranscriptSink;
import java.util.List;

/** Sinks added by whoever starts the bridge (the demo prints lines through one). */
public record ExtraSinks(List<TranscriptSink> sinks) {
  public ExtraSinks {
    sinks = List.copyOf(sinks);
  }
}
