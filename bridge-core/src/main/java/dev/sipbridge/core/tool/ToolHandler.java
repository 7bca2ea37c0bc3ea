package dev.sipbridge.core.tool;

/**
 * The code behind a {@link Tool}. Runs on a worker thread, never on the socket's reading thread; it
 * may block (a REST call), but is abandoned after the protocol's timeout. An exception is turned
 * into a failed result the model can speak about.
 */
@FunctionalInterface
public interface ToolHandler {
  ToolResult handle(ToolCall call) throws Exception;
}
