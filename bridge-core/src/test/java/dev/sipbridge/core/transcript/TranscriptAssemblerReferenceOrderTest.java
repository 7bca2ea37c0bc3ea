package dev.sipbridge.core.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.realtime.ServerEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Conversation order under event sequences written straight from the reference
 * (../shared/reference/openai-realtime-sip.md §4, §4.1, §4.2), not from the bridge's simulator.
 */
class TranscriptAssemblerReferenceOrderTest {
  /** {@code session.created} as the API documents it: the session's defaults, transcription off. */
  static final String SESSION_CREATED_DEFAULTS = """
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

  private final Harness h = new Harness();

  static ServerEvent ev(String json) {
    return ServerEvent.parse(json).orElseThrow();
  }

  /** §4.1: caller item U committed, added and done with no transcript yet. */
  static ServerEvent[] callerTurn(String u, String previous) {
    String prev = previous == null ? "null" : "\"" + previous + "\"";
    String item = """
        {"id":"%s","object":"realtime.item","type":"message","status":"completed","role":"user",
         "content":[{"type":"input_audio","transcript":null}]}""".formatted(u);
    return new ServerEvent[] {
      ev("{\"type\":\"input_audio_buffer.speech_started\",\"event_id\":\"e1" + u
          + "\",\"audio_start_ms\":1000,\"item_id\":\"" + u + "\"}"),
      ev("{\"type\":\"input_audio_buffer.speech_stopped\",\"event_id\":\"e2" + u
          + "\",\"audio_end_ms\":2400,\"item_id\":\"" + u + "\"}"),
      ev("{\"type\":\"input_audio_buffer.committed\",\"event_id\":\"e3" + u
          + "\",\"previous_item_id\":" + prev + ",\"item_id\":\"" + u + "\"}"),
      ev("{\"type\":\"conversation.item.added\",\"event_id\":\"e4" + u
          + "\",\"previous_item_id\":" + prev + ",\"item\":" + item + "}"),
      ev("{\"type\":\"conversation.item.done\",\"event_id\":\"e5" + u
          + "\",\"previous_item_id\":" + prev + ",\"item\":" + item + "}"),
    };
  }

  /** §4.1: the agent's reply A to U, from response.created to output_audio_buffer.stopped. */
  static ServerEvent[] agentReply(String r, String a, String previous, String text) {
    String inProgress = """
        {"id":"%s","object":"realtime.item","type":"message","status":"in_progress",
         "role":"assistant","content":[]}""".formatted(a);
    String done = """
        {"id":"%s","object":"realtime.item","type":"message","status":"completed",
         "role":"assistant","content":[{"type":"output_audio","transcript":"%s"}]}"""
        .formatted(a, text);
    String ids = "\"response_id\":\"" + r + "\",\"item_id\":\"" + a
        + "\",\"output_index\":0,\"content_index\":0";
    return new ServerEvent[] {
      ev("{\"type\":\"response.created\",\"event_id\":\"e6" + a + "\",\"response\":{\"id\":\"" + r
          + "\",\"object\":\"realtime.response\",\"status\":\"in_progress\",\"output\":[]}}"),
      ev("{\"type\":\"conversation.item.added\",\"event_id\":\"e7" + a
          + "\",\"previous_item_id\":\"" + previous + "\",\"item\":" + inProgress + "}"),
      ev("{\"type\":\"response.output_item.added\",\"event_id\":\"e8" + a
          + "\",\"response_id\":\"" + r + "\",\"output_index\":0,\"item\":" + inProgress + "}"),
      ev("{\"type\":\"response.content_part.added\",\"event_id\":\"e9" + a + "\"," + ids
          + ",\"part\":{\"type\":\"audio\",\"transcript\":\"\"}}"),
      ev("{\"type\":\"output_audio_buffer.started\",\"event_id\":\"e10" + a
          + "\",\"response_id\":\"" + r + "\"}"),
      ev("{\"type\":\"response.output_audio_transcript.delta\",\"event_id\":\"e11" + a + "\","
          + ids + ",\"delta\":\"" + text + "\"}"),
      ev("{\"type\":\"response.output_audio_transcript.done\",\"event_id\":\"e12" + a + "\","
          + ids + ",\"transcript\":\"" + text + "\"}"),
      ev("{\"type\":\"response.content_part.done\",\"event_id\":\"e13" + a + "\"," + ids
          + ",\"part\":{\"type\":\"audio\",\"transcript\":\"" + text + "\"}}"),
      ev("{\"type\":\"response.output_item.done\",\"event_id\":\"e14" + a
          + "\",\"response_id\":\"" + r + "\",\"output_index\":0,\"item\":" + done + "}"),
      ev("{\"type\":\"conversation.item.done\",\"event_id\":\"e15" + a
          + "\",\"previous_item_id\":\"" + previous + "\",\"item\":" + done + "}"),
      ev("{\"type\":\"response.done\",\"event_id\":\"e16" + a + "\",\"response\":{\"id\":\"" + r
          + "\",\"object\":\"realtime.response\",\"status\":\"completed\",\"status_details\":null,"
          + "\"output\":[" + done + "]}}"),
      ev("{\"type\":\"output_audio_buffer.stopped\",\"event_id\":\"e17" + a
          + "\",\"response_id\":\"" + r + "\"}"),
    };
  }

  static ServerEvent transcriptionCompleted(String u, String text) {
    return ev("""
        {"type":"conversation.item.input_audio_transcription.completed","event_id":"e18%s",
         "item_id":"%s","content_index":0,"transcript":"%s",
         "usage":{"type":"duration","seconds":2}}""".formatted(u, u, text));
  }

  @Test
  void issue12_lateCallerTranscript_300msAfterTheReply_callerLineFirst() {
    h.feed(callerTurn("item_A", null)).feed(agentReply("resp_1", "item_B", "item_A", "Hello."));
    assertThat(h.emitted).as("the reply waits for the caller turn before it").isEmpty();

    h.advance(Duration.ofMillis(300)).feed(transcriptionCompleted("item_A", "Hi, it's Ann."));

    assertThat(h.emittedText()).containsExactly("Caller: Hi, it's Ann.", "Agent: Hello.");
  }

  @Test
  void sessionEventShowingTheDefaults_doesNotStopTheWaitForCallerText() {
    // The session event may show the defaults (transcription null) though the bridge's accept
    // asked for transcription; the transcription that then arrives proves it is on.
    h.feed(ev(SESSION_CREATED_DEFAULTS))
        .feed(callerTurn("item_A", null))
        .feed(agentReply("resp_1", "item_B", "item_A", "Hello."));
    h.advance(Duration.ofMillis(300)).feed(transcriptionCompleted("item_A", "Hi."));

    assertThat(h.emittedText()).containsExactly("Caller: Hi.", "Agent: Hello.");
  }

  @Test
  void interleavedTurns_twoLateTranscriptions_keepConversationOrder() {
    h.feed(callerTurn("item_A", null)).feed(agentReply("resp_1", "item_B", "item_A", "One."));
    h.advance(Duration.ofMillis(200)).feed(callerTurn("item_C", "item_B"));
    h.feed(agentReply("resp_2", "item_D", "item_C", "Two."));
    h.advance(Duration.ofMillis(200)).feed(transcriptionCompleted("item_C", "Second."));
    assertThat(h.emitted).isEmpty();

    h.advance(Duration.ofMillis(100)).feed(transcriptionCompleted("item_A", "First."));

    assertThat(h.emittedText())
        .containsExactly("Caller: First.", "Agent: One.", "Caller: Second.", "Agent: Two.");
  }

  @Test
  void transcriptionNeverComes_replyGoesOutAfterTheOrderWait() {
    h.feed(callerTurn("item_A", null)).feed(agentReply("resp_1", "item_B", "item_A", "Hello."));

    h.advance(Harness.WAIT.minusMillis(1));
    assertThat(h.emitted).isEmpty();
    h.advance(Duration.ofMillis(1));

    assertThat(h.emittedText()).containsExactly("Agent: Hello.");
  }
}
