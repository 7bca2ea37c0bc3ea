package dev.sipbridge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.Speaker;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TranscriptSink} promises, run against the fake and each real sink: lines of a
 * call reach the peer in emission order, the call's start before them and its end after them,
 * {@code flush} is true once everything was delivered, and normal input never throws. A subclass
 * names the subject and reads what its peer (Discord, a file, a list) received.
 */
public abstract class TranscriptSinkContract {
  /** Generous: real sinks deliver on their own threads, and CI machines are shared. */
  protected static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Lines are emitted now: sinks may give up lines that waited too long (Discord: 15 min). */
  private final Instant t0 = Instant.now();

  /** The sink under test, delivering to a healthy peer; closed after the test if closeable. */
  protected TranscriptSink sink;

  /** A new sink under test whose peer is healthy. */
  protected abstract TranscriptSink newSink();

  /**
   * Every text line the peer received so far, in arrival order (at least per call): each message
   * split at line breaks. A line appears as {@link TranscriptLine#render()}; a call's start and its
   * end must each show as text holding the call id (translate them if the peer stores records).
   */
  protected abstract List<String> receivedText();

  @BeforeEach
  void createSink() {
    sink = newSink();
  }

  @AfterEach
  void closeSink() throws Exception {
    if (sink instanceof AutoCloseable) {
      ((AutoCloseable) sink).close();
    }
  }

  @Test
  void burstOfLines_arriveInEmissionOrder() {
    IncomingCall call = call("rtc_contract_order");
    List<TranscriptLine> lines = lines(call.id(), "order", 40);

    sink.callStarted(call);
    lines.forEach(sink::publish);

    List<String> expected = rendered(lines);
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(receivedOf(expected)).containsExactlyElementsOf(expected));
  }

  @Test
  void interleavedCalls_eachCallsLinesArriveInItsOrder() {
    IncomingCall a = call("rtc_contract_a");
    IncomingCall b = call("rtc_contract_b");
    List<TranscriptLine> linesA = lines(a.id(), "alpha", 15);
    List<TranscriptLine> linesB = lines(b.id(), "bravo", 15);

    sink.callStarted(a);
    sink.callStarted(b);
    for (int i = 0; i < 15; i++) {
      sink.publish(linesA.get(i));
      sink.publish(linesB.get(i));
    }

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(receivedOf(rendered(linesA))).containsExactlyElementsOf(rendered(linesA));
              assertThat(receivedOf(rendered(linesB))).containsExactlyElementsOf(rendered(linesB));
            });
  }

  @Test
  void callStarted_arrivesBeforeTheCallsLines() {
    IncomingCall call = call("rtc_contract_started");
    List<TranscriptLine> lines = lines(call.id(), "first", 3);

    sink.callStarted(call);
    lines.forEach(sink::publish);

    String firstLine = lines.get(0).render();
    await().atMost(PATIENCE).until(() -> receivedText().contains(firstLine));
    List<String> received = receivedText();
    int announcement = indexOfFirstMentioning(received, call.id().value());
    assertThat(announcement).as("the call's announcement arrived").isNotNegative();
    assertThat(announcement).isLessThan(received.indexOf(firstLine));
  }

  @Test
  void callEnded_finalTranscriptArrivesAfterTheLiveLines() {
    IncomingCall call = call("rtc_contract_ended");
    List<TranscriptLine> lines = lines(call.id(), "ending", 5);

    sink.callStarted(call);
    lines.forEach(sink::publish);
    sink.callEnded(new CallTranscript(call, lines, t0.plusSeconds(60), EndReason.CALLER_HUNG_UP));

    String lastLine = lines.get(lines.size() - 1).render();
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              List<String> received = receivedText();
              int last = received.indexOf(lastLine);
              return last >= 0 && lastIndexMentioning(received, call.id().value()) > last;
            });
    // the final message may repeat the lines (Discord's does): the live ones come first, in order
    assertThat(receivedOf(rendered(lines)).subList(0, lines.size()))
        .containsExactlyElementsOf(rendered(lines));
  }

  @Test
  void flush_returnsTrueOnceEverythingWasDelivered() {
    IncomingCall call = call("rtc_contract_flush");
    List<TranscriptLine> lines = lines(call.id(), "flushed", 10);

    sink.callStarted(call);
    lines.forEach(sink::publish);

    assertThat(sink.flush(PATIENCE)).isTrue();
    assertThat(receivedOf(rendered(lines))).containsExactlyElementsOf(rendered(lines));
  }

  @Test
  void unusualButNormalInput_neverThrows() {
    IncomingCall anonymous =
        IncomingCall.of(
            new CallId("rtc_contract_odd"),
            SipHeaders.of(
                List.of(new SipHeader("From", "\"Anonymous\" <sip:anonymous@anonymous.invalid>"))),
            t0);
    CallId id = anonymous.id();
    List<TranscriptLine> odd =
        List.of(
            new TranscriptLine(id, 1, Speaker.CALLER, TranscriptLine.Kind.SPEECH, "", "item_1", t0),
            new TranscriptLine(
                id, 2, Speaker.AGENT, TranscriptLine.Kind.SPEECH, "x".repeat(2500), "item_2", t0),
            new TranscriptLine(
                id,
                3,
                Speaker.CALLER,
                TranscriptLine.Kind.SPEECH,
                "@everyone ✓ 😀 **bold** `code` <@123>",
                "item_3",
                t0),
            new TranscriptLine(id, 4, Speaker.CALLER, TranscriptLine.Kind.KEYPRESS, "#", "", t0),
            new TranscriptLine(
                id,
                5,
                Speaker.AGENT,
                TranscriptLine.Kind.SPEECH,
                "Our hours are",
                "item_5",
                t0,
                true));

    assertThatCode(
            () -> {
              sink.callStarted(anonymous);
              odd.forEach(sink::publish);
              sink.callEnded(
                  new CallTranscript(anonymous, odd, t0.plusSeconds(5), EndReason.AGENT_HUNG_UP));
              sink.callEnded(
                  new CallTranscript(
                      call("rtc_contract_empty"), List.of(), t0, EndReason.CALLER_HUNG_UP));
            })
        .doesNotThrowAnyException();
    assertThat(sink.flush(PATIENCE)).isTrue();
  }

  /** The received text lines that are among {@code wanted}, in arrival order. */
  private List<String> receivedOf(List<String> wanted) {
    return receivedText().stream().filter(wanted::contains).toList();
  }

  private static int indexOfFirstMentioning(List<String> received, String text) {
    for (int i = 0; i < received.size(); i++) {
      if (received.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexMentioning(List<String> received, String text) {
    for (int i = received.size() - 1; i >= 0; i--) {
      if (received.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  /** A call from +15551234567 to +18005551212. */
  protected IncomingCall call(String callId) {
    return IncomingCall.of(
        new CallId(callId),
        SipHeaders.of(
            List.of(
                new SipHeader("From", "sip:+15551234567@sip.example.com"),
                new SipHeader("To", "sip:+18005551212@sip.example.com"),
                new SipHeader("Call-ID", "sip-" + callId))),
        t0);
  }

  /**
   * {@code n} lines, caller and agent taking turns; the texts hold {@code word}, not the call id.
   */
  private List<TranscriptLine> lines(CallId id, String word, int n) {
    List<TranscriptLine> lines = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Speaker speaker = i % 2 == 1 ? Speaker.CALLER : Speaker.AGENT;
      lines.add(
          new TranscriptLine(
              id,
              i,
              speaker,
              TranscriptLine.Kind.SPEECH,
              word + " number " + i,
              "item_" + i,
              t0.plusSeconds(i)));
    }
    return lines;
  }

  private static List<String> rendered(List<TranscriptLine> lines) {
    return lines.stream().map(TranscriptLine::render).toList();
  }
}
