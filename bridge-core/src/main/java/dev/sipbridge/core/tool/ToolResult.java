package dev.sipbridge.core.tool;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * What a tool call came to: {@link Ok}, {@link OkThen} (an action follows the model's answer) or
 * {@link Failed}. Each is told to the model as the call's output. Build them with {@link #ok},
 * {@link #okThen} and {@link #failed}.
 */
public sealed interface ToolResult permits ToolResult.Ok, ToolResult.OkThen, ToolResult.Failed {
  /** What the model receives (conventionally JSON). */
  String output();

  /** Whether the tool did its work. */
  default boolean ok() {
    return !(this instanceof Failed);
  }

  /** The tool did its work. */
  record Ok(String output) implements ToolResult {
    public Ok {
      Objects.requireNonNull(output, "output");
    }
  }

  /**
   * The tool did its work, and {@code action} runs once the model's spoken answer to it is done
   * (e.g. hang up after the goodbye).
   */
  record OkThen(String output, Runnable action) implements ToolResult {
    public OkThen {
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(action, "action");
    }
  }

  /** The tool failed for {@code reason}; the model gets {@code {"error": reason}}. */
  record Failed(String reason) implements ToolResult {
    public Failed {
      reason = reason == null || reason.isBlank() ? "failed" : reason;
    }

    @Override
    public String output() {
      return JsonNodeFactory.instance.objectNode().put("error", reason).toString();
    }
  }

  /** The tool did its work. */
  static ToolResult ok(String output) {
    return new Ok(output);
  }

  /** A success whose {@code action} runs after the model has spoken about it. */
  static ToolResult okThen(String output, Runnable action) {
    return new OkThen(output, action);
  }

  /** The tool failed; the model gets {@code {"error": reason}} so it can tell the caller. */
  static ToolResult failed(String reason) {
    return new Failed(reason);
  }
}
