package dev.sipbridge.core.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * A function the agent may call during a call.
 *
 * @param name the function name the model sees ({@code [a-zA-Z0-9_-]{1,64}})
 * @param description what the function does, for the model
 * @param parameters the JSON schema of its arguments (an {@code object} schema)
 * @param handler runs the call; see {@link ToolHandler} for its contract
 */
public record Tool(String name, String description, JsonNode parameters, ToolHandler handler) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Tool {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("tool name must match [a-zA-Z0-9_-]{1,64}, was: " + name);
    }
    description = description == null ? "" : description;
    Objects.requireNonNull(parameters, "parameters");
    if (!parameters.isObject()) {
      throw new IllegalArgumentException("tool parameters must be a JSON object schema: " + name);
    }
    Objects.requireNonNull(handler, "handler");
  }

  /** A tool whose schema is given as JSON text. */
  public static Tool of(
      String name, String description, String parametersJson, ToolHandler handler) {
    try {
      return new Tool(name, description, JSON.readTree(parametersJson), handler);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("tool " + name + ": parameters are not JSON", e);
    }
  }

  /** A tool that takes no arguments. */
  public static Tool withoutParameters(String name, String description, ToolHandler handler) {
    return of(name, description, "{\"type\":\"object\",\"properties\":{}}", handler);
  }
}
