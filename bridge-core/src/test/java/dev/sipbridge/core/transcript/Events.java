package dev.sipbridge.core.transcript;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipbridge.core.realtime.ServerEvent;

/** Builds realtime server events as the socket delivers them (GA names unless stated). */
final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  static ServerEvent parse(ObjectNode node) {
    return ServerEvent.parse(node.toString()).orElseThrow();
  }

  static ObjectNode event(String type) {
    return JSON.createObjectNode().put("type", type).put("event_id", "event_" + type.hashCode());
  }

  /** {@code conversation.item.added} for a user audio message. */
  static ServerEvent userAdded(String id, String previous) {
    return itemEvent("conversation.item.added", id, previous, "user", "input_audio");
  }

  /** {@code conversation.item.added} for an assistant audio message. */
  static ServerEvent agentAdded(String id, String previous) {
    return itemEvent("conversation.item.added", id, previous, "assistant", "output_audio");
  }

  /** A beta-style {@code conversation.item.created}. */
  static ServerEvent itemCreated(String id, String previous, String role) {
    return itemEvent(
        "conversation.item.created",
        id,
        previous,
        role,
        role.equals("user") ? "input_audio" : "audio");
  }

  static ServerEvent functionCallAdded(String id, String previous) {
    ObjectNode e = event("conversation.item.added");
    putPrevious(e, previous);
    e.putObject("item")
        .put("id", id)
        .put("type", "function_call")
        .put("call_id", "call_" + id)
        .put("name", "lookup_order")
        .put("arguments", "{}");
    return parse(e);
  }

  static ServerEvent functionOutputAdded(String id, String previous) {
    ObjectNode e = event("conversation.item.added");
    putPrevious(e, previous);
    e.putObject("item")
        .put("id", id)
        .put("type", "function_call_output")
        .put("call_id", "call_" + previous)
        .put("output", "{\"status\":\"shipped\"}");
    return parse(e);
  }

  /** An event of {@code type} with a top-level {@code item_id}. */
  static ServerEvent withItem(String type, String id) {
    return parse(event(type).put("item_id", id));
  }

  /** {@code conversation.item.done} for an assistant audio message with its final transcript. */
  static ServerEvent agentItemDone(String id, String previous, String transcript) {
    ObjectNode e = event("conversation.item.done");
    putPrevious(e, previous);
    e.putObject("item")
        .put("id", id)
        .put("type", "message")
        .put("role", "assistant")
        .put("status", "completed")
        .putArray("content")
        .addObject()
        .put("type", "output_audio")
        .put("transcript", transcript);
    return parse(e);
  }

  static ServerEvent committed(String id, String previous) {
    ObjectNode e = event("input_audio_buffer.committed").put("item_id", id);
    putPrevious(e, previous);
    return parse(e);
  }

  static ServerEvent callerDelta(String id, String delta) {
    return parse(
        event("conversation.item.input_audio_transcription.delta")
            .put("item_id", id)
            .put("content_index", 0)
            .put("delta", delta));
  }

  static ServerEvent callerCompleted(String id, String transcript) {
    ObjectNode e =
        event("conversation.item.input_audio_transcription.completed")
            .put("item_id", id)
            .put("content_index", 0)
            .put("transcript", transcript);
    e.putObject("usage").put("type", "duration").put("seconds", 2);
    return parse(e);
  }

  static ServerEvent callerFailed(String id) {
    ObjectNode e =
        event("conversation.item.input_audio_transcription.failed")
            .put("item_id", id)
            .put("content_index", 0);
    e.putObject("error").put("type", "transcription_error").put("message", "audio unclear");
    return parse(e);
  }

  /** An agent transcript/text event: {@code type} is the full event name. */
  static ServerEvent agent(String type, String responseId, String id, String field, String value) {
    ObjectNode e =
        event(type)
            .put("response_id", responseId)
            .put("item_id", id)
            .put("output_index", 0)
            .put("content_index", 0);
    if (value != null) {
      e.put(field, value);
    }
    return parse(e);
  }

  static ServerEvent agentDelta(String responseId, String id, String delta) {
    return agent("response.output_audio_transcript.delta", responseId, id, "delta", delta);
  }

  static ServerEvent agentDone(String responseId, String id, String transcript) {
    return agent("response.output_audio_transcript.done", responseId, id, "transcript", transcript);
  }

  static ServerEvent outputItemAdded(String responseId, String id) {
    ObjectNode e = event("response.output_item.added").put("response_id", responseId);
    e.put("output_index", 0);
    e.putObject("item").put("id", id).put("type", "message").put("role", "assistant");
    return parse(e);
  }

  /** {@code response.done}; each output item id gets an assistant message without content. */
  static ServerEvent responseDone(String responseId, String status, String... itemIds) {
    ObjectNode e = event("response.done");
    ObjectNode r = e.putObject("response").put("id", responseId).put("status", status);
    ArrayNode out = r.putArray("output");
    for (String id : itemIds) {
      out.addObject()
          .put("id", id)
          .put("type", "message")
          .put("role", "assistant")
          .put("status", status.equals("completed") ? "completed" : "incomplete")
          .putArray("content");
    }
    return parse(e);
  }

  static ServerEvent deleted(String id) {
    return parse(event("conversation.item.deleted").put("item_id", id));
  }

  static ServerEvent dtmf(String key) {
    return parse(
        JSON.createObjectNode()
            .put("type", "input_audio_buffer.dtmf_event_received")
            .put("event", key)
            .put("received_at", 1750287018));
  }

  /** {@code session.updated} with caller transcription on or off (GA shape). */
  static ServerEvent session(boolean transcription) {
    ObjectNode e = event("session.updated");
    ObjectNode input =
        e.putObject("session").put("type", "realtime").putObject("audio").putObject("input");
    input.putObject("format").put("type", "audio/pcmu");
    if (transcription) {
      input.putObject("transcription").put("model", "gpt-transcribe");
    } else {
      input.putNull("transcription");
    }
    return parse(e);
  }

  static ServerEvent simple(String type) {
    return parse(event(type));
  }

  private static ServerEvent itemEvent(
      String type, String id, String previous, String role, String contentType) {
    ObjectNode e = event(type);
    putPrevious(e, previous);
    ObjectNode item =
        e.putObject("item")
            .put("id", id)
            .put("object", "realtime.item")
            .put("type", "message")
            .put("role", role)
            .put("status", role.equals("user") ? "completed" : "in_progress");
    ObjectNode part = item.putArray("content").addObject().put("type", contentType);
    part.putNull("transcript");
    return parse(e);
  }

  private static void putPrevious(ObjectNode e, String previous) {
    if (previous == null) {
      e.putNull("previous_item_id");
    } else {
      e.put("previous_item_id", previous);
    }
  }
}
