package dev.sipbridge.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipbridge.core.store.CallPage;
import dev.sipbridge.core.store.CallRecord;
import dev.sipbridge.core.store.CallRecord.RecordedAction;
import dev.sipbridge.core.store.CallRecord.RecordedLine;
import dev.sipbridge.core.store.CallRecord.RecordedTool;
import dev.sipbridge.core.store.CallRecord.RecordedTransfer;
import dev.sipbridge.core.store.CallSummary;
import dev.sipbridge.core.transcript.Speaker;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The API's JSON shapes of calls (docs/console.md lists every field). */
final class CallJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private CallJson() {}

  static ObjectNode page(CallPage page) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode calls = root.putArray("calls");
    for (CallSummary s : page.calls()) {
      ObjectNode c = calls.addObject();
      c.put("id", s.id().value())
          .put("route", s.route())
          .put("caller", s.caller())
          .put("called", s.called());
      put(c, "incomingAt", Optional.of(s.incomingAt()));
      put(c, "endedAt", s.endedAt());
      c.put("endReason", s.endReason().orElse(null))
          .put("live", s.endedAt().isEmpty())
          .put("lineCount", s.lineCount());
    }
    root.put("nextCursor", page.nextCursor().orElse(null));
    return root;
  }

  static ObjectNode record(CallRecord r) {
    ObjectNode c = MAPPER.createObjectNode();
    c.put("id", r.id().value())
        .put("route", r.route())
        .put("caller", r.caller())
        .put("called", r.called())
        .put("forwardedFrom", r.forwardedFrom().orElse(null))
        .put("forwardingReason", r.forwardingReason().orElse(null))
        .put("live", r.live())
        .put("endReason", r.endReason().orElse(null));
    ObjectNode times = c.putObject("times");
    put(times, "incomingAt", Optional.of(r.incomingAt()));
    put(times, "acceptedAt", r.acceptedAt());
    put(times, "socketOpenAt", r.socketOpenAt());
    put(times, "endedAt", r.endedAt());
    ArrayNode lines = c.putArray("lines");
    for (RecordedLine l : r.lines()) {
      ObjectNode line =
          lines
              .addObject()
              .put("sequence", l.sequence())
              .put("position", l.position())
              .put("speaker", l.speaker())
              .put("kind", l.kind())
              .put("text", l.text())
              .put("itemId", l.itemId())
              .put("interrupted", l.interrupted());
      put(line, "at", Optional.of(l.emittedAt()));
    }
    ArrayNode tools = c.putArray("tools");
    for (RecordedTool t : r.tools()) {
      ObjectNode tool =
          tools
              .addObject()
              .put("name", t.name())
              .put("arguments", t.arguments())
              .put("result", t.result())
              .put("outcome", t.outcome())
              .put("tookMs", t.took().toMillis());
      put(tool, "at", Optional.of(t.at()));
    }
    ArrayNode transfers = c.putArray("transfers");
    for (RecordedTransfer t : r.transfers()) {
      put(
          transfers
              .addObject()
              .put("kind", t.kind())
              .put("target", t.target())
              .put("outcome", t.outcome()),
          "at",
          Optional.of(t.at()));
    }
    ArrayNode actions = c.putArray("actions");
    for (RecordedAction a : r.actions()) {
      put(
          actions.addObject().put("action", a.action()).put("detail", a.detail()),
          "at",
          Optional.of(a.at()));
    }
    CallRecord.TokenUsage u = r.usage();
    c.putObject("usage")
        .put("inputTextTokens", u.inputText())
        .put("inputAudioTokens", u.inputAudio())
        .put("outputTextTokens", u.outputText())
        .put("outputAudioTokens", u.outputAudio())
        .put("estimatedCostUsd", u.estimatedCostUsd());
    return c;
  }

  /** The transcript as people read it, one line each, in conversation order. */
  static String transcript(CallRecord r) {
    StringBuilder out = new StringBuilder();
    for (RecordedLine l : r.lines()) {
      TranscriptLine line =
          new TranscriptLine(
              r.id(),
              l.sequence(),
              Speaker.valueOf(l.speaker().toUpperCase(Locale.ROOT)),
              TranscriptLine.Kind.valueOf(l.kind().toUpperCase(Locale.ROOT)),
              l.text(),
              l.itemId(),
              l.emittedAt(),
              l.interrupted());
      out.append(line.render()).append('\n');
    }
    return out.toString();
  }

  static ObjectNode error(String code, String message) {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("error").put("code", code).put("message", message);
    return root;
  }

  private static void put(ObjectNode node, String field, Optional<Instant> at) {
    node.put(field, at.map(Instant::toString).orElse(null));
  }
}
