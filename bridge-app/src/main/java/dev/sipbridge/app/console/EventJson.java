package dev.sipbridge.app.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.util.Locale;
import java.util.Optional;

/**
 * The live stream's event names and JSON bodies: {@code started}, {@code line}, {@code tool},
 * {@code transfer}, {@code action}, {@code ended} (docs/console.md). Other steps of a call are not
 * streamed.
 */
final class EventJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventJson() {}

  /** The event's name on the stream, or empty when it is not streamed. */
  static Optional<String> name(CallEvent e) {
    if (e instanceof CallEvent.Started) {
      return Optional.of("started");
    } else if (e instanceof CallEvent.Line) {
      return Optional.of("line");
    } else if (e instanceof CallEvent.ToolRun) {
      return Optional.of("tool");
    } else if (e instanceof CallEvent.Transfer) {
      return Optional.of("transfer");
    } else if (e instanceof CallEvent.OperatorAction) {
      return Optional.of("action");
    } else if (e instanceof CallEvent.Ended) {
      return Optional.of("ended");
    }
    return Optional.empty();
  }

  static String body(CallEvent e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("call", e.callId().value()).put("at", e.at().toString());
    if (e instanceof CallEvent.Started s) {
      IncomingCall c = s.call();
      o.put("route", s.route())
          .put("caller", c.parties().caller().value())
          .put("called", c.parties().called().value())
          .put("forwardedFrom", c.parties().forwardedFrom().map(n -> n.value()).orElse(null));
    } else if (e instanceof CallEvent.Line l) {
      TranscriptLine t = l.line();
      o.put("sequence", t.sequence())
          .put("speaker", lower(t.speaker().name()))
          .put("kind", lower(t.kind().name()))
          .put("text", t.text())
          .put("itemId", t.itemId())
          .put("interrupted", t.interrupted());
    } else if (e instanceof CallEvent.ToolRun t) {
      o.put("name", t.name())
          .put("arguments", t.arguments())
          .put("result", t.result())
          .put("outcome", t.outcome())
          .put("tookMs", t.took().toMillis());
    } else if (e instanceof CallEvent.Transfer t) {
      o.put("kind", t.kind()).put("target", t.target()).put("outcome", t.outcome());
    } else if (e instanceof CallEvent.OperatorAction a) {
      o.put("action", a.action()).put("detail", a.detail());
    } else if (e instanceof CallEvent.Ended end) {
      o.put("reason", end.reason().name());
      end.conversationOrder().forEach(o.putArray("order")::add);
    }
    return o.toString();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
