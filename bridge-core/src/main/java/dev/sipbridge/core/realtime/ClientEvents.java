package dev.sipbridge.core.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The client events the bridge sends on a call's socket, as JSON text. */
public final class ClientEvents {
  private ClientEvents() {}

  /** Asks the model to respond (after function outputs). */
  public static String responseCreate() {
    return "{\"type\":\"response.create\"}";
  }

  /** A response whose instructions make the agent say {@code message} and nothing else. */
  public static String greeting(String message) {
    ObjectNode root = ServerEvent.JSON.createObjectNode();
    root.put("type", "response.create");
    root.putObject("response")
        .put(
            "instructions",
            "Greet the caller by saying exactly the following, then wait for them to speak: "
                + message);
    return root.toString();
  }

  /** The answer to one function call of the model. */
  public static String functionCallOutput(String toolCallId, String output) {
    ObjectNode root = ServerEvent.JSON.createObjectNode();
    root.put("type", "conversation.item.create");
    root.putObject("item")
        .put("type", "function_call_output")
        .put("call_id", toolCallId)
        .put("output", output);
    return root.toString();
  }

  /** A system note added to the conversation, e.g. that a transfer failed. */
  public static String systemNote(String text) {
    ObjectNode root = ServerEvent.JSON.createObjectNode();
    root.put("type", "conversation.item.create");
    ObjectNode item = root.putObject("item");
    item.put("type", "message").put("role", "system");
    item.putArray("content").addObject().put("type", "input_text").put("text", text);
    return root.toString();
  }
}
