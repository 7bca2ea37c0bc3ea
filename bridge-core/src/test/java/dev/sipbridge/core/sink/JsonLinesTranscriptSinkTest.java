package dev.sipbridge.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.fake.FakeClock;
import dev.sipbridge.core.port.DeliveryObserver;
import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.Speaker;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTranscriptSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeClock clock = new FakeClock();
  private final CallId id = new CallId("rtc_abc123");

  @Test
  void wholeCall_writesOneParsableObjectPerLine(@TempDir Path dir) throws Exception {
    JsonLinesTranscriptSink sink = new JsonLinesTranscriptSink(dir, clock, DeliveryObserver.NONE);
    IncomingCall call =
        IncomingCall.of(
            id,
            SipHeaders.of(
                List.of(
                    new SipHeader("From", "sip:+15551234567@sip.twilio.com"),
                    new SipHeader("To", "sip:+18005551212@sip.twilio.com"))),
            clock.instant());
    TranscriptLine hello = line(1, Speaker.CALLER, TranscriptLine.Kind.SPEECH, "Hello \"there\"");
    TranscriptLine hi = line(2, Speaker.AGENT, TranscriptLine.Kind.SPEECH, "Hi! 😀 你好");
    TranscriptLine key = line(3, Speaker.CALLER, TranscriptLine.Kind.KEYPRESS, "5");

    sink.callStarted(call);
    sink.publish(hello);
    sink.publish(hi);
    sink.publish(key);
    sink.callEnded(
        new CallTranscript(
            call, List.of(hello, hi, key), clock.instant(), EndReason.CALLER_HUNG_UP));

    List<JsonNode> records = new ArrayList<>();
    for (String l : Files.readAllLines(sink.fileOf(id))) {
      records.add(JSON.readTree(l));
    }
    assertThat(records)
        .extracting(r -> r.get("type").asText())
        .containsExactly("call_started", "line", "line", "line", "call_ended");
    assertThat(records).allMatch(r -> r.get("call_id").asText().equals("rtc_abc123"));
    assertThat(records.get(0).get("caller").asText()).isEqualTo("+15551234567");
    assertThat(records.subList(1, 4))
        .extracting(r -> r.get("line").asText())
        .containsExactly("Caller: Hello \"there\"", "Agent: Hi! 😀 你好", "Caller pressed 5");
    assertThat(records.subList(1, 4))
        .extracting(r -> r.get("seq").asLong())
        .containsExactly(1L, 2L, 3L);
    assertThat(records.get(2).get("speaker").asText()).isEqualTo("agent");
    assertThat(records.get(4).get("reason").asText()).isEqualTo("caller_hung_up");
  }

  @Test
  void interruptedLine_isRenderedMarkedAndFlagged(@TempDir Path dir) throws Exception {
    JsonLinesTranscriptSink sink = new JsonLinesTranscriptSink(dir, clock, DeliveryObserver.NONE);

    sink.publish(
        new TranscriptLine(
            id,
            1,
            Speaker.AGENT,
            TranscriptLine.Kind.SPEECH,
            "Our hours are",
            "item1",
            clock.instant(),
            true));
    sink.publish(line(2, Speaker.CALLER, TranscriptLine.Kind.SPEECH, "Saturdays?"));

    List<String> lines = Files.readAllLines(sink.fileOf(id));
    JsonNode cut = JSON.readTree(lines.get(0));
    assertThat(cut.get("line").asText()).isEqualTo("Agent: Our hours are [interrupted]");
    assertThat(cut.get("text").asText()).isEqualTo("Our hours are");
    assertThat(cut.get("interrupted").asBoolean()).isTrue();
    assertThat(JSON.readTree(lines.get(1)).get("interrupted").asBoolean()).isFalse();
  }

  @Test
  void callIdIsTheFileName_andNoIdCanLeaveTheDirectory(@TempDir Path dir) {
    JsonLinesTranscriptSink sink = new JsonLinesTranscriptSink(dir, clock, DeliveryObserver.NONE);
    assertThat(sink.fileOf(new CallId("rtc_a-B_9"))).isEqualTo(dir.resolve("rtc_a-B_9.jsonl"));
    assertThatThrownBy(() -> new CallId("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private TranscriptLine line(long seq, Speaker speaker, TranscriptLine.Kind kind, String text) {
    return new TranscriptLine(id, seq, speaker, kind, text, "item" + seq, clock.instant());
  }
}
