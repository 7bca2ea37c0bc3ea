package dev.sipbridge.core.store;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step of a call's story, as the bridge tells it to the call store and to live watchers (the
 * operator API's event stream). Events of one call are told in the order they happened.
 */
public sealed interface CallEvent {
  CallId callId();

  Instant at();

  /** The webhook arrived and the call was taken on (not rejected busy, not a duplicate). */
  record Started(IncomingCall call, Instant at) implements CallEvent {
    public Started {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public CallId callId() {
      return call.id();
    }

    /** {@code voice} when the call came through the Twilio voice route, else {@code trunk}. */
    public String route() {
      return call.parties().conferenceName().isPresent() ? "voice" : "trunk";
    }
  }

  /** OpenAI took our accept. */
  record Accepted(CallId callId, Instant at) implements CallEvent {}

  /** The realtime socket opened ({@code reattach}: again, after a drop). */
  record SocketOpened(CallId callId, Instant at, boolean reattach) implements CallEvent {}

  /** A completed transcript line (speech or a key press). */
  record Line(TranscriptLine line) implements CallEvent {
    public Line {
      Objects.requireNonNull(line, "line");
    }

    @Override
    public CallId callId() {
      return line.callId();
    }

    @Override
    public Instant at() {
      return line.emittedAt();
    }
  }

  /**
   * The agent used a tool.
   *
   * @param arguments the model's JSON arguments, as sent
   * @param result the output the model was given
   * @param outcome {@code ok}, {@code failed}, {@code timeout}, {@code unknown_tool}, ...
   */
  record ToolRun(
      CallId callId,
      Instant at,
      String name,
      String arguments,
      String result,
      String outcome,
      Duration took)
      implements CallEvent {}

  /**
   * A transfer was tried, and how it went.
   *
   * @param kind {@code cold} (SIP REFER) or {@code warm} (a human added to the conference)
   * @param target where to, masked when it is a phone number
   * @param outcome {@code requested}, {@code joined}, {@code busy}, {@code no-answer}, {@code
   *     failed}, ...
   */
  record Transfer(CallId callId, Instant at, String kind, String target, String outcome)
      implements CallEvent {}

  /**
   * An operator acted on the call through the API or console.
   *
   * @param action {@code hangup}, {@code transfer} or {@code say}
   */
  record OperatorAction(CallId callId, Instant at, String action, String detail)
      implements CallEvent {}

  /** Token usage of one model response ({@code response.done}). */
  record Usage(
      CallId callId, Instant at, long inputText, long inputAudio, long outputText, long outputAudio)
      implements CallEvent {}

  /**
   * The call is over.
   *
   * @param conversationOrder the sequences of its lines in conversation order (may differ from
   *     emission order when a caller transcript came after the agent's reply was let go)
   */
  record Ended(CallId callId, Instant at, EndReason reason, List<Long> conversationOrder)
      implements CallEvent {
    public Ended {
      conversationOrder = List.copyOf(conversationOrder);
    }
  }
}
