package dev.sipbridge.core.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.DeliveryObserver;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.sip.CallParties;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes each call's transcript to {@code <dir>/<call id>.jsonl}: one JSON object per line ({@code
 * call_started}, each {@code line}, {@code call_ended}), appended and flushed whole, so the file is
 * safe to {@code tail -f}. The bridge calls it on this sink's own lane, so a slow disk delays no
 * call and no other sink.
 */
public final class JsonLinesTranscriptSink implements TranscriptSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Clock clock;
  private final DeliveryObserver observer;
  private final Map<CallId, Writer> open = new ConcurrentHashMap<>();

  public JsonLinesTranscriptSink(Path dir, Clock clock, DeliveryObserver observer) {
    this.dir = dir;
    this.clock = clock;
    this.observer = observer;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create transcript directory " + dir, e);
    }
  }

  /** The file a call's transcript goes to. */
  public Path fileOf(CallId id) {
    // Call ids are rtc_<hex>; anything else is made safe for a file name.
    return dir.resolve(id.value().replaceAll("[^A-Za-z0-9_.-]", "_") + ".jsonl");
  }

  @Override
  public void callStarted(IncomingCall call) {
    CallParties p = call.parties();
    ObjectNode o = record("call_started", call.id());
    o.put("caller", p.caller().value());
    o.put("called", p.called().value());
    p.forwardedFrom().ifPresent(f -> o.put("forwarded_from", f.value()));
    p.forwardingReason().ifPresent(r -> o.put("forwarding_reason", r));
    p.conferenceName().ifPresent(c -> o.put("conference", c));
    write(call.id(), o);
  }

  @Override
  public void publish(TranscriptLine line) {
    ObjectNode o = record("line", line.callId());
    o.put("seq", line.sequence());
    o.put("speaker", line.speaker().name().toLowerCase(Locale.ROOT));
    o.put("kind", line.kind().name().toLowerCase(Locale.ROOT));
    o.put("text", line.text());
    o.put("line", line.render());
    o.put("interrupted", line.interrupted());
    o.put("item_id", line.itemId());
    o.put("emitted_at", line.emittedAt().toString());
    write(line.callId(), o);
    observer.delivered("jsonl", Duration.between(line.emittedAt(), clock.instant()));
  }

  @Override
  public void callEnded(CallTranscript transcript) {
    CallId id = transcript.call().id();
    ObjectNode o = record("call_ended", id);
    o.put("reason", transcript.endReason().name().toLowerCase(Locale.ROOT));
    o.put("ended_at", transcript.endedAt().toString());
    o.put("lines", transcript.lines().size());
    write(id, o);
    Writer w = open.remove(id);
    if (w != null) {
      try {
        w.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + fileOf(id), e);
      }
    }
  }

  private ObjectNode record(String type, CallId id) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type);
    o.put("call_id", id.value());
    o.put("at", clock.instant().toString());
    return o;
  }

  private void write(CallId id, ObjectNode o) {
    try {
      Writer w = open.computeIfAbsent(id, this::openFile);
      // One write of a whole line, then flush: a reader never sees half a record.
      w.write(o.toString() + "\n");
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + fileOf(id), e);
    }
  }

  private Writer openFile(CallId id) {
    try {
      return Files.newBufferedWriter(
          fileOf(id),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + fileOf(id), e);
    }
  }
}
