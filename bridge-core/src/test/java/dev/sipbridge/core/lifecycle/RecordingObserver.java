package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.port.CallObserver;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.tool.ToolOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CallObserver} that records what it was told, and the tool runs of the call events it
 * listens to (as the metrics do). Thread-safe.
 */
public final class RecordingObserver implements CallObserver, CallEventListener {
  /** One tool call the observer was told about. */
  public record ToolFinished(String tool, ToolOutcome outcome) {}

  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Boolean> socketOpens = new CopyOnWriteArrayList<>();
  private final List<EndReason> ended = new CopyOnWriteArrayList<>();
  private final List<ToolFinished> tools = new CopyOnWriteArrayList<>();
  private final List<String> realtimeErrors = new CopyOnWriteArrayList<>();

  @Override
  public void accepted(Duration sinceWebhook) {
    accepted.incrementAndGet();
  }

  @Override
  public void socketOpened(Duration sinceAccept, boolean reattach) {
    socketOpens.add(reattach);
  }

  @Override
  public void callEnded(EndReason reason, Duration duration) {
    ended.add(reason);
  }

  /** A tool call finished; also a {@code FunctionCallProtocol.Listener} for protocol tests. */
  public void toolRan(
      String tool, String arguments, String output, ToolOutcome outcome, Duration took) {
    tools.add(new ToolFinished(tool, outcome));
  }

  @Override
  public void onEvent(CallEvent event) {
    if (event instanceof CallEvent.ToolRun run) {
      tools.add(
          new ToolFinished(
              run.name(), ToolOutcome.valueOf(run.outcome().toUpperCase(Locale.ROOT))));
    }
  }

  @Override
  public void realtimeError(String code) {
    realtimeErrors.add(code);
  }

  public int accepted() {
    return accepted.get();
  }

  /** One entry per socket opened: {@code false} for the first open, {@code true} re-attach. */
  public List<Boolean> socketOpens() {
    return new ArrayList<>(socketOpens);
  }

  public List<EndReason> ended() {
    return new ArrayList<>(ended);
  }

  public List<ToolFinished> tools() {
    return new ArrayList<>(tools);
  }

  public List<String> realtimeErrors() {
    return new ArrayList<>(realtimeErrors);
  }
}
