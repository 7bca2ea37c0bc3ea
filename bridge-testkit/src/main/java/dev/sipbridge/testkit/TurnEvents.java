package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipbridge.testkit.ScriptStep.CallerTurn;
import dev.sipbridge.testkit.ScriptStep.Transcription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the caller's side of a call and the service's echoes of client events (reference §4, §4.1,
 * §6); {@link ResponseEvents} writes the model's side. Confined to one player.
 */
final class TurnEvents {
  /** The caller-side events of one turn; transcription is separate so it can arrive late. */
  record CallerEvents(List<String> item, List<String> transcription) {}

  private static final String TRANSCRIPTION = "conversation.item.input_audio_transcription.";

  private final ConversationState state;

  TurnEvents(ConversationState state) {
    this.state = state;
  }

  /** Speech, commit and the user item; then its transcription (completed or failed). */
  CallerEvents caller(CallerTurn turn) {
    String itemId = state.id("item");
    long[] audio = state.speak(turn.text());
    List<String> item = new ArrayList<>();
    item.add(
        state
            .event("input_audio_buffer.speech_started")
            .put("audio_start_ms", audio[0])
            .put("item_id", itemId)
            .toString());
    item.add(
        state
            .event("input_audio_buffer.speech_stopped")
            .put("audio_end_ms", audio[1])
            .put("item_id", itemId)
            .toString());
    ObjectNode committed = state.event("input_audio_buffer.committed");
    committed.put("previous_item_id", state.tail()).put("item_id", itemId);
    item.add(committed.toString());
    ObjectNode user = SimJson.object().put("id", itemId).put("object", "realtime.item");
    user.put("type", "message").put("status", "completed").put("role", "user");
    user.putArray("content").addObject().put("type", "input_audio").putNull("transcript");
    item.add(state.itemEvent("conversation.item.added", user).toString());
    item.add(state.itemEvent("conversation.item.done", user).toString());
    state.append(itemId);
    return new CallerEvents(item, transcription(turn, itemId));
  }

  /** A key press (reference §6): no {@code event_id}, no item. */
  String dtmf(String key) {
    return SimJson.object()
        .put("type", "input_audio_buffer.dtmf_event_received")
        .put("event", key)
        .put("received_at", Instant.now().getEpochSecond())
        .toString();
  }

  /** The service's echo of an item the bridge created with {@code conversation.item.create}. */
  List<String> itemCreated(JsonNode requested, String previousItemId) {
    ObjectNode item = requested.isObject() ? ((ObjectNode) requested).deepCopy() : SimJson.object();
    if (!item.path("id").isTextual()) {
      item.put("id", state.id("item"));
    }
    item.put("object", "realtime.item").put("status", "completed");
    String previous = previousItemId == null ? state.tail() : previousItemId;
    if (previous == null || previous.equals(state.tail())) {
      state.append(item.get("id").asText());
    }
    List<String> out = new ArrayList<>();
    for (String type : new String[] {"conversation.item.added", "conversation.item.done"}) {
      ObjectNode e = state.event(type);
      e.put("previous_item_id", previous).set("item", item);
      out.add(e.toString());
    }
    return out;
  }

  /** The answer to {@code session.update}: the session as the bridge sent it. */
  String sessionUpdated(JsonNode session) {
    ObjectNode e = state.event("session.updated");
    e.set("session", session.isObject() ? session : SimJson.object());
    return e.toString();
  }

  private List<String> transcription(CallerTurn turn, String itemId) {
    List<String> out = new ArrayList<>();
    if (turn.transcription() == Transcription.FAILED) {
      ObjectNode failed = state.event(TRANSCRIPTION + "failed").put("item_id", itemId);
      failed
          .put("content_index", 0)
          .putObject("error")
          .put("type", "transcription_error")
          .put("code", "audio_unintelligible")
          .put("message", "Audio could not be transcribed.")
          .putNull("param");
      out.add(failed.toString());
      return out;
    }
    for (String delta : Deltas.split(turn.text(), turn.deltas())) {
      out.add(
          state
              .event(TRANSCRIPTION + "delta")
              .put("item_id", itemId)
              .put("content_index", 0)
              .put("delta", delta)
              .toString());
    }
    ObjectNode completed = state.event(TRANSCRIPTION + "completed").put("item_id", itemId);
    completed.put("content_index", 0).put("transcript", turn.text());
    int tokens = Usage.tokens(turn.text());
    completed
        .putObject("usage")
        .put("type", "tokens")
        .put("total_tokens", tokens + 40)
        .put("input_tokens", 40)
        .put("output_tokens", tokens)
        .putObject("input_token_details")
        .put("text_tokens", 0)
        .put("audio_tokens", 40);
    out.add(completed.toString());
    state.said(turn.text());
    return out;
  }
}
