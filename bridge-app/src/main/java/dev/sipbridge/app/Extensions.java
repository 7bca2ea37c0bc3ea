package dev.sipbridge.app;

import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.tool.Tool;
import java.util.List;

/**
 * Sinks and tools added in code by whoever starts the bridge (the demo prints lines through a sink
 * and answers {@code lookup_order} with a tool; a service of yours can add its own).
 */
public record Extensions(List<TranscriptSink> sinks, List<Tool> tools) {
  public Extensions {
    sinks = List.copyOf(sinks);
    tools = List.copyOf(tools);
  }

  /** Nothing added. */
  public static Extensions none() {
    return new Extensions(List.of(), List.of());
  }
}
