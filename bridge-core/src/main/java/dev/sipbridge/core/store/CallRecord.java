package dev.sipbridge.core.store;

import dev.sipbridge.core.call.CallId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the store remembers of one call. Numbers are stored as given; callers of the API are
 * operators with the token, and logs still mask them.
 *
 * @param route {@code trunk} or {@code voice}
 * @param endReason the {@link dev.sipbridge.core.call.EndReason} name, empty while live
 * @param lines in conversation order
 * @param actions what operators did to the call
 */
public record CallRecord(
    CallId id,
    String route,
    String caller,
    String called,
    Optional<String> forwardedFrom,
    Optional<String> forwardingReason,
    Instant incomingAt,
    Optional<Instant> acceptedAt,
    Optional<Instant> socketOpenAt,
    Optional<Instant> endedAt,
    Optional<String> endReason,
    List<RecordedLine> lines,
    List<RecordedTool> tools,
    List<RecordedTransfer> transfers,
    List<RecordedAction> actions,
    TokenUsage usage) {

  public CallRecord {
    lines = List.copyOf(lines);
    tools = List.copyOf(tools);
    transfers = List.copyOf(transfers);
    actions = List.copyOf(actions);
  }

  public boolean live() {
    return endedAt.isEmpty();
  }

  /**
   * One transcript line.
   *
   * @param sequence emission order, 1-based
   * @param position conversation order, 1-based
   * @param speaker {@code caller} or {@code agent}
   * @param kind {@code speech} or {@code keypress} (a DTMF key in {@code text})
   */
  public record RecordedLine(
      long sequence,
      long position,
      String speaker,
      String kind,
      String text,
      String itemId,
      Instant emittedAt,
      boolean interrupted) {}

  public record RecordedTool(
      String name, String arguments, String result, String outcome, Instant at, Duration took) {}

  public record RecordedTransfer(String kind, String target, String outcome, Instant at) {}

  public record RecordedAction(String action, String detail, Instant at) {}

  /** Token counts over all responses, and what they cost (see {@code docs/store.md}). */
  public record TokenUsage(
      long inputText, long inputAudio, long outputText, long outputAudio, double estimatedCostUsd) {
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, 0);
  }
}
