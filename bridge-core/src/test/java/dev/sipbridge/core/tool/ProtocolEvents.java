package dev.sipbridge.core.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Server events of the GA function-call protocol, as JSON text. */
public final class ProtocolEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProtocolEvents() {}

  /** A {@code function_call} item. */
  public static ObjectNode functionCall(String callId, String name, String arguments) {
    ObjectNode item = JSON.createObjectNode();
    item.put("id", "item_" + callId).put("type", "function_call").put("status", "completed");
    return item.put("call_id", callId).put("name", name).put("arguments", arguments);
  }

  public static String argumentsDone(String callId, String name, String arguments) {
    ObjectNode e = event("response.function_call_arguments.done");
    e.put("response_id", "resp_x").put("item_id", "item_" + callId).put("output_index", 0);
    return e.put("call_id", callId).put("name", name).put("arguments", arguments).toString();
  }

  public static String outputItemDone(String callId, String name, String arguments) {
    ObjectNode e = event("response.output_item.done").put("response_id", "resp_x");
    e.set("item", functionCall(callId, name, arguments));
    return e.toString();
  }

  public static String conversationItemDone(String callId, String name, String arguments) {
    ObjectNode e = event("conversation.item.done").put("previous_item_id", "item_prev");
    e.set("item", functionCall(callId, name, arguments));
    return e.toString();
  }

  public static String responseCreated(String responseId) {
    ObjectNode e = event("response.created");
    e.putObject("response").put("id", responseId).put("status", "in_progress").putArray("output");
    return e.toString();
  }

  /** A finished response with the given output items. */
  public static String responseDone(String responseId, ObjectNode... output) {
    ObjectNode e = event("response.done");
    ObjectNode response = e.putObject("response").put("id", responseId).put("status", "completed");
    ArrayNode items = response.putArray("output");
    for (ObjectNode item : output) {
      items.add(item);
    }
    return e.toString();
  }

  /** An assistant message item (not a function call). */
  public static ObjectNode message(String text) {
    ObjectNode item = JSON.createObjectNode().put("type", "message").put("role", "assistant");
    item.putArray("content").addObject().put("type", "output_audio").put("transcript", text);
    return item;
  }

  public static String audioStopped(String responseId) {
    return event("output_audio_buffer.stopped").put("response_id", responseId).toString();
  }

  public static String error(String code) {
    ObjectNode e = event("error");
    e.putObject("error")
        .put("type", "invalid_request_error")
        .put("code", code)
        .put("message", "told so by the test");
    return e.toString();
  }

  private static ObjectNode event(String type) {
    return JSON.createObjectNode().put("type", type).put("event_id", "event_" + type);
  }
}
