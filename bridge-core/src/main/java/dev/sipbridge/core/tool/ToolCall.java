package dev.sipbridge.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipbridge.core.call.IncomingCall;
import java.util.Optional;

/**
 * One function call the model made.
 *
 * @param call the phone call it was made on (parties, SIP headers, conference)
 * @param toolCallId the model's {@code call_id}, answered with a {@code function_call_output}
 * @param arguments the parsed arguments (an empty object when the model sent none)
 */
public record ToolCall(IncomingCall call, String toolCallId, String name, JsonNode arguments) {

  /** The string argument {@code field}, if present. */
  public Optional<String> argument(String field) {
    JsonNode n = arguments.path(field);
    return n.isValueNode() && !n.isNull() ? Optional.of(n.asText()) : Optional.empty();
  }
}
