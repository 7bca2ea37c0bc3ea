package dev.sipbridge.core.tool;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tool call came to. Both outcomes are told to the model as the call's output.
 *
 * @param ok whether the tool did its work
 * @param output what the model receives (conventionally JSON)
 * @param afterResponse runs once the model's spoken answer to this result is done (e.g. hang up
 *     after the goodbye)
 */
public record ToolResult(boolean ok, String output, Optional<Runnable> afterResponse) {
  public ToolResult {
    Objects.requireNonNull(output, "output");
    afterResponse = afterResponse == null ? Optional.empty() : afterResponse;
  }

  /** The tool did its work. */
  public static ToolResult ok(String output) {
    return new ToolResult(true, output, Optional.empty());
  }

  /** A success whose {@code action} runs after the model has spoken about it. */
  public static ToolResult okThen(String output, Runnable action) {
    return new ToolResult(true, output, Optional.of(action));
  }

  /** The tool failed; the model gets {@code {"error": reason}} so it can tell the caller. */
  public static ToolResult failed(String reason) {
    String json =
        JsonNodeFactory.instance
            .objectNode()
            .put("error", reason == null || reason.isBlank() ? "failed" : reason)
            .toString();
    return new ToolResult(false, json, Optional.empty());
  }
}
