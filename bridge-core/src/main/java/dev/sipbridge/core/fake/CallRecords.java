package dev.sipbridge.core.fake;

import dev.sipbridge.core.store.CallCursor;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.store.CallRecord;
import dev.sipbridge.core.store.CallRecord.RecordedAction;
import dev.sipbridge.core.store.CallRecord.RecordedLine;
import dev.sipbridge.core.store.CallRecord.RecordedTool;
import dev.sipbridge.core.store.CallRecord.RecordedTransfer;
import dev.sipbridge.core.store.CallRecord.TokenUsage;
import dev.sipbridge.core.store.CallSummary;
import dev.sipbridge.core.store.TokenPrices;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The fake store's record keeping: each event applied to an immutable record. */
final class CallRecords {
  private CallRecords() {}

  static CallRecord started(CallEvent.Started s) {
    var p = s.call().parties();
    return new CallRecord(
        s.callId(),
        s.route(),
        p.caller().value(),
        p.called().value(),
        p.forwardedFrom().map(n -> n.value()),
        p.forwardingReason(),
        s.at(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        TokenUsage.NONE);
  }

  static CallRecord apply(CallRecord r, CallEvent e, TokenPrices prices) {
    if (e instanceof CallEvent.Accepted a) {
      return with(
          r,
          Optional.of(a.at()),
          r.socketOpenAt(),
          r.lines(),
          r.tools(),
          r.transfers(),
          r.actions(),
          r.usage());
    } else if (e instanceof CallEvent.SocketOpened o) {
      return with(
          r,
          r.acceptedAt(),
          r.socketOpenAt().or(() -> Optional.of(o.at())),
          r.lines(),
          r.tools(),
          r.transfers(),
          r.actions(),
          r.usage());
    } else if (e instanceof CallEvent.Line l) {
      TranscriptLine t = l.line();
      if (r.lines().stream().anyMatch(x -> x.sequence() == t.sequence())) {
        return r; // a retried write: each line is kept once
      }
      List<RecordedLine> lines = new ArrayList<>(r.lines());
      lines.add(
          new RecordedLine(
              t.sequence(),
              t.sequence(),
              lower(t.speaker().name()),
              lower(t.kind().name()),
              t.text(),
              t.itemId(),
              t.emittedAt(),
              t.interrupted()));
      return with(
          r,
          r.acceptedAt(),
          r.socketOpenAt(),
          lines,
          r.tools(),
          r.transfers(),
          r.actions(),
          r.usage());
    } else if (e instanceof CallEvent.ToolRun t) {
      List<RecordedTool> tools = new ArrayList<>(r.tools());
      tools.add(
          new RecordedTool(t.name(), t.arguments(), t.result(), t.outcome(), t.at(), t.took()));
      return with(
          r,
          r.acceptedAt(),
          r.socketOpenAt(),
          r.lines(),
          tools,
          r.transfers(),
          r.actions(),
          r.usage());
    } else if (e instanceof CallEvent.Transfer t) {
      List<RecordedTransfer> transfers = new ArrayList<>(r.transfers());
      transfers.add(new RecordedTransfer(t.kind(), t.target(), t.outcome(), t.at()));
      return with(
          r,
          r.acceptedAt(),
          r.socketOpenAt(),
          r.lines(),
          r.tools(),
          transfers,
          r.actions(),
          r.usage());
    } else if (e instanceof CallEvent.OperatorAction a) {
      List<RecordedAction> actions = new ArrayList<>(r.actions());
      actions.add(new RecordedAction(a.action(), a.detail(), a.at()));
      return with(
          r,
          r.acceptedAt(),
          r.socketOpenAt(),
          r.lines(),
          r.tools(),
          r.transfers(),
          actions,
          r.usage());
    } else if (e instanceof CallEvent.Usage u) {
      TokenUsage was = r.usage();
      TokenUsage sum =
          prices.usage(
              was.inputText() + u.inputText(),
              was.inputAudio() + u.inputAudio(),
              was.outputText() + u.outputText(),
              was.outputAudio() + u.outputAudio());
      return with(
          r,
          r.acceptedAt(),
          r.socketOpenAt(),
          r.lines(),
          r.tools(),
          r.transfers(),
          r.actions(),
          sum);
    } else if (e instanceof CallEvent.Ended end) {
      return ordered(ended(r, end.at(), end.reason().name()), end.conversationOrder());
    }
    return r;
  }

  static CallRecord ended(CallRecord r, java.time.Instant at, String reason) {
    if (!r.live()) {
      return r;
    }
    return new CallRecord(
        r.id(),
        r.route(),
        r.caller(),
        r.called(),
        r.forwardedFrom(),
        r.forwardingReason(),
        r.incomingAt(),
        r.acceptedAt(),
        r.socketOpenAt(),
        Optional.of(at),
        Optional.of(reason),
        r.lines(),
        r.tools(),
        r.transfers(),
        r.actions(),
        r.usage());
  }

  /** Gives each line its conversation position and sorts the lines by it. */
  private static CallRecord ordered(CallRecord r, List<Long> conversationOrder) {
    List<RecordedLine> lines = new ArrayList<>();
    for (RecordedLine l : r.lines()) {
      int at = conversationOrder.indexOf(l.sequence());
      long position = at >= 0 ? at + 1 : l.position();
      lines.add(
          new RecordedLine(
              l.sequence(),
              position,
              l.speaker(),
              l.kind(),
              l.text(),
              l.itemId(),
              l.emittedAt(),
              l.interrupted()));
    }
    lines.sort(Comparator.comparingLong(RecordedLine::position));
    return with(
        r,
        r.acceptedAt(),
        r.socketOpenAt(),
        lines,
        r.tools(),
        r.transfers(),
        r.actions(),
        r.usage());
  }

  static CallSummary summary(CallRecord r) {
    return new CallSummary(
        r.id(),
        r.route(),
        r.caller(),
        r.called(),
        r.incomingAt(),
        r.endedAt(),
        r.endReason(),
        r.lines().size());
  }

  /** Newest first: a cursor names the last call of a page by its time and id. */
  static String cursor(CallRecord r) {
    return CallCursor.of(r.incomingAt(), r.id()).toString();
  }

  private static CallRecord with(
      CallRecord r,
      Optional<java.time.Instant> acceptedAt,
      Optional<java.time.Instant> socketOpenAt,
      List<RecordedLine> lines,
      List<RecordedTool> tools,
      List<RecordedTransfer> transfers,
      List<RecordedAction> actions,
      TokenUsage usage) {
    return new CallRecord(
        r.id(),
        r.route(),
        r.caller(),
        r.called(),
        r.forwardedFrom(),
        r.forwardingReason(),
        r.incomingAt(),
        acceptedAt,
        socketOpenAt,
        r.endedAt(),
        r.endReason(),
        lines,
        tools,
        transfers,
        actions,
        usage);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
