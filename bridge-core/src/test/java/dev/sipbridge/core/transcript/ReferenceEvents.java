package dev.sipbridge.core.transcript;

import dev.sipbridge.core.realtime.ServerEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Server events written from ../shared/reference/openai-realtime-sip.md (§4 table, §4.1 turn
 * sequence, §4.2), field for field, independent of the bridge's simulator and of {@link Events}.
 */
final class ReferenceEvents {
  /** {@code session.created} as the API documents it: the session's defaults, transcription off. */
  static final String SESSION_CREATED_DEFAULTS =
      """
      {"type":"session.created","event_id":"event_C9G5RJeJ2gF77mV7f2B1j","session":{
        "type":"realtime","object":"realtime.session","id":"sess_C9G5QPteg4UIbotdKLoYQ",
        "model":"gpt-realtime-2.1","output_modalities":["audio"],"instructions":"...",
        "tools":[],"tool_choice":"auto","max_output_tokens":"inf","tracing":null,"prompt":null,
        "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"transcription":null,
          "noise_reduction":null,"turn_detection":{"type":"server_vad","threshold":0.5,
          "prefix_padding_ms":300,"silence_duration_ms":200,"idle_timeout_ms":null,
          "create_response":true,"interrupt_response":true}},
         "output":{"format":{"type":"audio/pcm","rate":24000},"voice":"marin","speed":1}},
        "include":null}}""";

  private static int eventIds;

  private ReferenceEvents() {}

  static ServerEvent ev(String json) {
    return ServerEvent.parse(json).orElseThrow();
  }

  /** §4.1: caller item {@code u} detected, committed, added and done, with no transcript yet. */
  static List<ServerEvent> callerTurn(String u, String previous) {
    String item =
        """
        {"id":"%s","object":"realtime.item","type":"message","status":"completed","role":"user",
         "content":[{"type":"input_audio","transcript":null}]}"""
            .formatted(u);
    String prev = previous == null ? "null" : quoted(previous);
    return List.of(
        event("input_audio_buffer.speech_started", "\"audio_start_ms\":1000,\"item_id\":%s", u),
        event("input_audio_buffer.speech_stopped", "\"audio_end_ms\":2400,\"item_id\":%s", u),
        event(
            "input_audio_buffer.committed", "\"previous_item_id\":" + prev + ",\"item_id\":%s", u),
        event("conversation.item.added", "\"previous_item_id\":" + prev + ",\"item\":" + item),
        event("conversation.item.done", "\"previous_item_id\":" + prev + ",\"item\":" + item));
  }

  /** {@code conversation.item.input_audio_transcription.completed} for caller item {@code u}. */
  static ServerEvent transcriptionCompleted(String u, String text) {
    return event(
        "conversation.item.input_audio_transcription.completed",
        "\"item_id\":%s,\"content_index\":0,\"transcript\":"
            + quoted(text)
            + ",\"usage\":{\"type\":\"duration\",\"seconds\":2}",
        u);
  }

  /**
   * §4.1: response {@code r} starts speaking item {@code a} (after {@code previous}): created, item
   * added, audio playing, {@code deltas} streamed; not finished.
   */
  static List<ServerEvent> agentStarts(String r, String a, String previous, String... deltas) {
    String item = assistant(a, "in_progress", null);
    List<ServerEvent> out =
        new ArrayList<>(
            List.of(
                event("response.created", "\"response\":" + response(r, "in_progress", "")),
                event(
                    "conversation.item.added",
                    "\"previous_item_id\":" + quoted(previous) + ",\"item\":" + item),
                event(
                    "response.output_item.added",
                    "\"response_id\":" + quoted(r) + ",\"output_index\":0,\"item\":" + item),
                event(
                    "response.content_part.added",
                    ids(r, a) + ",\"part\":{\"type\":\"audio\",\"transcript\":\"\"}"),
                event("output_audio_buffer.started", "\"response_id\":%s", r)));
    for (String d : deltas) {
      out.add(
          event("response.output_audio_transcript.delta", ids(r, a) + ",\"delta\":" + quoted(d)));
    }
    return out;
  }

  /** §4.1: item {@code a} of response {@code r} finishes with {@code text}; {@code status} done. */
  static List<ServerEvent> agentFinishes(
      String r, String a, String previous, String text, String status) {
    String itemStatus = status.equals("completed") ? "completed" : "incomplete";
    String item = assistant(a, itemStatus, text);
    return List.of(
        event(
            "response.output_audio_transcript.done", ids(r, a) + ",\"transcript\":" + quoted(text)),
        event(
            "response.content_part.done",
            ids(r, a) + ",\"part\":{\"type\":\"audio\",\"transcript\":" + quoted(text) + "}"),
        event(
            "response.output_item.done",
            "\"response_id\":" + quoted(r) + ",\"output_index\":0,\"item\":" + item),
        event(
            "conversation.item.done",
            "\"previous_item_id\":" + quoted(previous) + ",\"item\":" + item),
        event("response.done", "\"response\":" + response(r, status, item)));
  }

  /** A whole reply: {@link #agentStarts}, {@link #agentFinishes}, then the audio stopped. */
  static List<ServerEvent> agentReply(String r, String a, String previous, String text) {
    List<ServerEvent> out = new ArrayList<>(agentStarts(r, a, previous, text));
    out.addAll(agentFinishes(r, a, previous, text, "completed"));
    out.add(audio("stopped", r));
    return out;
  }

  /** {@code output_audio_buffer.started|stopped|cleared} of response {@code r}. */
  static ServerEvent audio(String what, String r) {
    return event("output_audio_buffer." + what, "\"response_id\":%s", r);
  }

  /** §4.2 step 5: the agent's audio of item {@code a} was cut at {@code audioEndMs}. */
  static ServerEvent truncated(String a, int audioEndMs) {
    return event(
        "conversation.item.truncated",
        "\"item_id\":%s,\"content_index\":0,\"audio_end_ms\":" + audioEndMs,
        a);
  }

  private static ServerEvent event(String type, String fields, String... ids) {
    String body = ids.length == 0 ? fields : fields.formatted(quoted(ids[0]));
    return ev(
        "{\"type\":\"" + type + "\",\"event_id\":\"event_" + (++eventIds) + "\"," + body + "}");
  }

  private static String ids(String r, String a) {
    return "\"response_id\":"
        + quoted(r)
        + ",\"item_id\":"
        + quoted(a)
        + ",\"output_index\":0,\"content_index\":0";
  }

  private static String assistant(String a, String status, String transcript) {
    String content =
        transcript == null
            ? "[]"
            : "[{\"type\":\"output_audio\",\"transcript\":" + quoted(transcript) + "}]";
    return """
        {"id":"%s","object":"realtime.item","type":"message","status":"%s","role":"assistant",
         "content":%s}"""
        .formatted(a, status, content);
  }

  private static String response(String r, String status, String output) {
    String details =
        status.equals("cancelled")
            ? "{\"type\":\"cancelled\",\"reason\":\"turn_detected\"}"
            : "null";
    return """
        {"id":"%s","object":"realtime.response","status":"%s","status_details":%s,
         "output":[%s]}"""
        .formatted(r, status, details, output);
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
