package dev.sipbridge.core.transcript;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.realtime.ServerEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns one call's realtime server events into transcript lines ({@code Caller: ...}, {@code Agent:
 * ...}, {@code Caller pressed 5}), emitted once per completed utterance and in conversation order
 * (by {@code previous_item_id}), not in the order transcriptions finish.
 *
 * <p>A completed line that follows an unfinished item (typically an agent line whose caller turn is
 * still being transcribed) is held for at most {@code orderWait}; once that passes ({@link
 * #tick()}), it goes out anyway and the late line is emitted when it completes. {@link
 * #transcript()} always lists lines in conversation order. Key presses are emitted at once. A
 * {@code response.done} (also cancelled or failed) completes its agent items with the text they
 * have. An agent line whose audio is playing waits until it stopped or was cut off, and a line the
 * caller talked over is marked {@linkplain TranscriptLine#interrupted() interrupted} (see {@code
 * AgentLines}). Unless the bridge said caller transcription is off ({@link
 * #callerTranscriptionOff()}), an untranscribed caller turn holds the line after it for {@code
 * orderWait} once; session events and transcription events can only say that caller text will come.
 *
 * <p>Not thread-safe: the caller serialises all calls (one call session, one thread at a time).
 * Lines are handed to {@code emit} synchronously, on the calling thread; an exception thrown by
 * {@code emit} propagates to the caller, and that line still counts as emitted.
 */
public final class TranscriptAssembler {
  /** The text of a caller turn whose transcription failed. */
  static final String INAUDIBLE = "(inaudible)";

  private final CallId callId;
  private final Clock clock;
  private final Consumer<TranscriptLine> emit;
  private final Conversation conversation;
  private final AgentLines agent;
  private long sequence;
  private boolean finished;

  /**
   * @param orderWait how long a completed line waits for an unfinished item before it
   *     (TRANSCRIPT_ORDER_WAIT_MS); not negative
   * @param emit receives each line as it is emitted
   * @throws IllegalArgumentException if {@code orderWait} is negative
   */
  public TranscriptAssembler(
      CallId callId, Clock clock, Duration orderWait, Consumer<TranscriptLine> emit) {
    this.callId = Objects.requireNonNull(callId, "callId");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.emit = Objects.requireNonNull(emit, "emit");
    if (orderWait == null || orderWait.isNegative()) {
      throw new IllegalArgumentException("orderWait must not be negative, was: " + orderWait);
    }
    this.conversation = new Conversation(clock, orderWait, this::write);
    this.agent = new AgentLines(conversation, clock);
  }

  /** Feeds one server event; events it does not care about are ignored. May emit lines. */
  public void onEvent(ServerEvent event) {
    if (finished) {
      return;
    }
    ServerEvent e = Objects.requireNonNull(event, "event");
    switch (e.type()) {
      case "conversation.item.added", "conversation.item.created" -> onItemAdded(e);
      case "conversation.item.done" -> onItemDone(e);
      case "input_audio_buffer.committed" ->
          e.text("item_id")
              .ifPresent(id -> conversation.add(id, previousId(e), Utterance.Role.CALLER));
      case "conversation.item.deleted" -> e.text("item_id").ifPresent(conversation::delete);
      case "conversation.item.input_audio_transcription.delta" -> callerDelta(e);
      case "conversation.item.input_audio_transcription.completed" ->
          callerDone(e, e.text("transcript").orElse(null));
      case "conversation.item.input_audio_transcription.failed" -> callerDone(e, INAUDIBLE);
      case "response.output_audio_transcript.delta", "response.audio_transcript.delta" ->
          agent.delta(e, true);
      case "response.output_text.delta", "response.text.delta" -> agent.delta(e, false);
      case "response.output_audio_transcript.done", "response.audio_transcript.done" ->
          agent.done(e, true);
      case "response.output_text.done", "response.text.done" -> agent.done(e, false);
      case "response.output_item.added" -> agent.outputItemAdded(e);
      case "response.done" -> agent.responseDone(e);
      case "output_audio_buffer.started" -> agent.audioStarted(e);
      case "output_audio_buffer.stopped" -> agent.audioEnded(e, false);
      case "output_audio_buffer.cleared" -> agent.audioEnded(e, true);
      case "conversation.item.truncated" -> agent.truncated(e);
      case "input_audio_buffer.dtmf_event_received" -> onKey(e);
      case "session.created", "session.updated" -> onSession(e);
      default -> {
        // not part of the transcript
      }
    }
  }

  /** When the next held line must go out even if its predecessor has no text yet. */
  public Optional<Instant> nextDeadline() {
    if (finished) {
      return Optional.empty();
    }
    Instant held = conversation.nextDeadline();
    Instant playing = agent.nextDeadline();
    if (held == null || (playing != null && playing.isBefore(held))) {
      return Optional.ofNullable(playing);
    }
    return Optional.of(held);
  }

  /** Emits every held line whose deadline (per the clock) has passed. */
  public void tick() {
    if (!finished) {
      agent.release();
      conversation.release();
    }
  }

  /**
   * Tells the assembler up front that caller turns will never be transcribed (the bridge asked for
   * no transcription), so agent lines never wait for them; session events may still update it.
   */
  public void callerTranscriptionOff() {
    conversation.callerTextExpected(false);
  }

  /** Call ended: emits everything still held or pending that has text, in order; then no more. */
  public void finish() {
    if (!finished) {
      finished = true;
      conversation.flush();
    }
  }

  /** The whole transcript so far in conversation order (not emission order); a copy. */
  public List<TranscriptLine> transcript() {
    return conversation.lines();
  }

  private void onItemAdded(ServerEvent e) {
    e.object("item")
        .ifPresent(
            item ->
                Items.id(item)
                    .ifPresent(id -> conversation.add(id, previousId(e), Items.roleOf(item))));
  }

  private void onItemDone(ServerEvent e) {
    onItemAdded(e); // normally a repeat; places the item if its added event was missed
    e.object("item").ifPresent(agent::itemDone);
  }

  private void callerDelta(ServerEvent e) {
    Utterance u = caller(e);
    if (u != null) {
      e.text("delta").ifPresent(u::appendSpoken);
    }
  }

  private void callerDone(ServerEvent e, String finalText) {
    Utterance u = caller(e);
    if (u != null) {
      u.finalSpoken(finalText);
      conversation.complete(u);
    }
  }

  private Utterance caller(ServerEvent e) {
    conversation.callerTextExpected(true); // a transcription event: caller text does come
    return e.text("item_id").map(id -> conversation.open(id, Utterance.Role.CALLER)).orElse(null);
  }

  private void onKey(ServerEvent e) {
    String key = e.text("event").map(String::trim).orElse("");
    if (!key.isEmpty()) {
      TranscriptLine line = newLine(Speaker.CALLER, TranscriptLine.Kind.KEYPRESS, key, "");
      conversation.keypress(line);
      emit.accept(line);
    }
  }

  /**
   * A session event that shows caller transcription configured (GA or beta shape) means caller text
   * will come. One that shows none is not trusted to mean the opposite: {@code session.created} may
   * show the session's defaults (transcription null) although the accept asked for transcription,
   * and believing it let agent lines overtake late caller lines. Only {@link
   * #callerTranscriptionOff()}, from the bridge's own configuration, stops the wait.
   */
  private void onSession(ServerEvent e) {
    if (e.object("session", "audio", "input", "transcription").isPresent()
        || e.object("session", "input_audio_transcription").isPresent()) {
      conversation.callerTextExpected(true);
    }
  }

  private void write(Utterance u, String text) {
    Speaker speaker = u.role == Utterance.Role.CALLER ? Speaker.CALLER : Speaker.AGENT;
    TranscriptLine line =
        new TranscriptLine(
            callId,
            ++sequence,
            speaker,
            TranscriptLine.Kind.SPEECH,
            text,
            u.id,
            clock.instant(),
            u.interrupted);
    u.line = line; // before emitting: a failing consumer must not lose it from transcript()
    emit.accept(line);
  }

  private TranscriptLine newLine(Speaker s, TranscriptLine.Kind kind, String text, String item) {
    return new TranscriptLine(callId, ++sequence, s, kind, text, item, clock.instant());
  }

  private static String previousId(ServerEvent e) {
    return e.text("previous_item_id").orElse(null);
  }
}
