package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipbridge.testkit.ScriptStep.AgentTurn;
import dev.sipbridge.testkit.ScriptStep.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the model's responses: a spoken answer in the full GA sequence of reference §4.1, or a
 * function call (§5.1). Confined to one player.
 */
final class ResponseEvents {
  /** The events of one function call and its {@code call_id}. */
  record ToolEvents(List<String> events, String callId) {}

  private final ConversationState state;

  ResponseEvents(ConversationState state) {
    this.state = state;
  }

  /** One assistant response speaking {@code turn.text()}. */
  List<String> agent(AgentTurn turn) {
    String responseId = state.id("resp");
    String itemId = state.id("item");
    String text = turn.text();
    List<String> out = new ArrayList<>();
    out.add(response("response.created", responseId, null, 0));
    ObjectNode inProgress = assistant(itemId, "in_progress");
    inProgress.putArray("content");
    out.add(state.itemEvent("conversation.item.added", inProgress).toString());
    out.add(outputItem("response.output_item.added", responseId, inProgress));
    out.add(part("response.content_part.added", responseId, itemId, ""));
    out.add(state.event("output_audio_buffer.started").put("response_id", responseId).toString());
    for (String delta : Deltas.split(text, turn.deltas())) {
      out.add(
          ids("response.output_audio_transcript.delta", responseId, itemId)
              .put("delta", delta)
              .toString());
    }
    out.add(ids("response.output_audio.done", responseId, itemId).toString());
    out.add(
        ids("response.output_audio_transcript.done", responseId, itemId)
            .put("transcript", text)
            .toString());
    out.add(part("response.content_part.done", responseId, itemId, text));
    ObjectNode done = assistant(itemId, "completed");
    done.putArray("content").addObject().put("type", "output_audio").put("transcript", text);
    out.add(outputItem("response.output_item.done", responseId, done));
    out.add(state.itemEvent("conversation.item.done", done).toString());
    state.append(itemId);
    state.said(text);
    out.add(response("response.done", responseId, done, Usage.tokens(text)));
    out.add(state.event("output_audio_buffer.stopped").put("response_id", responseId).toString());
    return out;
  }

  /** A response in which the model calls {@code step.name()} with {@code step.arguments()}. */
  ToolEvents toolCall(ToolCall step) {
    String responseId = state.id("resp");
    String itemId = state.id("item");
    String callId = state.id("call");
    List<String> out = new ArrayList<>();
    out.add(response("response.created", responseId, null, 0));
    ObjectNode inProgress = functionCall(itemId, callId, step.name(), "", "in_progress");
    out.add(state.itemEvent("conversation.item.added", inProgress).toString());
    out.add(outputItem("response.output_item.added", responseId, inProgress));
    for (String delta : Deltas.split(step.arguments(), 3)) {
      out.add(
          arguments("response.function_call_arguments.delta", responseId, itemId, callId)
              .put("delta", delta)
              .toString());
    }
    out.add(
        arguments("response.function_call_arguments.done", responseId, itemId, callId)
            .put("name", step.name())
            .put("arguments", step.arguments())
            .toString());
    ObjectNode done = functionCall(itemId, callId, step.name(), step.arguments(), "completed");
    out.add(outputItem("response.output_item.done", responseId, done));
    out.add(state.itemEvent("conversation.item.done", done).toString());
    state.append(itemId);
    out.add(response("response.done", responseId, done, Usage.tokens(step.arguments())));
    return new ToolEvents(out, callId);
  }

  private String response(String type, String responseId, ObjectNode item, int outputTokens) {
    ObjectNode response = SimJson.object().put("object", "realtime.response");
    response.put("id", responseId).put("status", item == null ? "in_progress" : "completed");
    response.putNull("status_details");
    ArrayNode output = response.putArray("output");
    if (item != null) {
      output.add(item);
    }
    response.put("conversation_id", state.conversationId());
    response.putArray("output_modalities").add("audio");
    if (item == null) {
      response.putNull("usage");
    } else {
      Usage.put(response.putObject("usage"), state.chars(), state.audioMs(), outputTokens);
    }
    ObjectNode e = state.event(type);
    e.set("response", response);
    return e.toString();
  }

  private String outputItem(String type, String responseId, ObjectNode item) {
    ObjectNode e = state.event(type).put("response_id", responseId).put("output_index", 0);
    e.set("item", item);
    return e.toString();
  }

  private String part(String type, String responseId, String itemId, String transcript) {
    ObjectNode e = ids(type, responseId, itemId);
    e.putObject("part").put("type", "audio").put("transcript", transcript);
    return e.toString();
  }

  private ObjectNode ids(String type, String responseId, String itemId) {
    return state
        .event(type)
        .put("response_id", responseId)
        .put("item_id", itemId)
        .put("output_index", 0)
        .put("content_index", 0);
  }

  private ObjectNode arguments(String type, String responseId, String itemId, String callId) {
    return state
        .event(type)
        .put("response_id", responseId)
        .put("item_id", itemId)
        .put("output_index", 0)
        .put("call_id", callId);
  }

  private static ObjectNode assistant(String itemId, String status) {
    return SimJson.object()
        .put("id", itemId)
        .put("object", "realtime.item")
        .put("type", "message")
        .put("status", status)
        .put("role", "assistant");
  }

  private static ObjectNode functionCall(
      String itemId, String callId, String name, String arguments, String status) {
    return SimJson.object()
        .put("id", itemId)
        .put("object", "realtime.item")
        .put("type", "function_call")
        .put("status", status)
        .put("name", name)
        .put("call_id", callId)
        .put("arguments", arguments);
  }
}
