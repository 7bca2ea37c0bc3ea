package dev.sipbridge.core.fake;

import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what it was given; can be told to throw on every call. Thread-safe. */
public final class FakeTranscriptSink implements TranscriptSink {
  private final List<IncomingCall> started = new CopyOnWriteArrayList<>();
  private final List<TranscriptLine> lines = new CopyOnWriteArrayList<>();
  private final List<CallTranscript> ended = new CopyOnWriteArrayList<>();
  private final List<Object> events = new CopyOnWriteArrayList<>();
  private volatile boolean failing;

  /** From now on every method throws, like a broken sink. */
  public FakeTranscriptSink failing(boolean failing) {
    this.failing = failing;
    return this;
  }

  @Override
  public void callStarted(IncomingCall call) {
    check();
    started.add(call);
    events.add(call);
  }

  @Override
  public void publish(TranscriptLine line) {
    check();
    lines.add(line);
    events.add(line);
  }

  @Override
  public void callEnded(CallTranscript transcript) {
    check();
    ended.add(transcript);
    events.add(transcript);
  }

  public List<IncomingCall> started() {
    return new ArrayList<>(started);
  }

  public List<TranscriptLine> lines() {
    return new ArrayList<>(lines);
  }

  /** The rendered lines, e.g. {@code Caller: hello}. */
  public List<String> rendered() {
    List<String> out = new ArrayList<>();
    lines.forEach(l -> out.add(l.render()));
    return out;
  }

  public List<CallTranscript> ended() {
    return new ArrayList<>(ended);
  }

  /**
   * Everything it was given, in the order given: {@link IncomingCall}s, {@link TranscriptLine}s and
   * {@link CallTranscript}s.
   */
  public List<Object> events() {
    return new ArrayList<>(events);
  }

  private void check() {
    if (failing) {
      throw new IllegalStateException("fake sink told to fail");
    }
  }
}
