package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.store.CallEvent;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the {@link CallRecorder} could not write, counted and logged with the calls it concerns, so
 * an operator knows which records are incomplete. Thread-safe.
 */
final class RecorderLosses {
  private static final System.Logger LOG = System.getLogger(CallRecorder.class.getName());
  private static final int CALLS_NAMED = 20;

  private final LongAdder dropped = new LongAdder();
  private final LongAdder givenUp = new LongAdder();
  private final AtomicBoolean dropping = new AtomicBoolean();
  private final Set<CallId> droppedCalls = new LinkedHashSet<>();

  /** An event did not fit in the backlog (or came after close); cheap, on the caller's thread. */
  void dropped(CallEvent event, String why) {
    dropped.increment();
    synchronized (droppedCalls) {
      if (droppedCalls.size() < CALLS_NAMED) {
        droppedCalls.add(event.callId());
      }
    }
    if (dropping.compareAndSet(false, true)) {
      LOG.log(
          Level.WARNING, "call store backlog {0}: dropping call events until it catches up", why);
    }
  }

  /** The store refused these events, or they were still unwritten at the flush deadline. */
  void gaveUp(List<CallEvent> events, String why) {
    givenUp.add(events.size());
    Set<CallId> calls = new LinkedHashSet<>();
    for (CallEvent e : events) {
      if (calls.size() < CALLS_NAMED) {
        calls.add(e.callId());
      }
    }
    LOG.log(
        Level.ERROR,
        "call store: gave up {0} event(s) of call(s) {1}: {2}",
        events.size(),
        calls,
        why);
  }

  /** Names the calls whose events were dropped since the last report, if any were. */
  void report() {
    if (!dropping.compareAndSet(true, false)) {
      return;
    }
    List<CallId> calls;
    synchronized (droppedCalls) {
      calls = List.copyOf(droppedCalls);
      droppedCalls.clear();
    }
    LOG.log(
        Level.ERROR,
        "call store: {0} event(s) dropped in all so far; records of call(s) {1}"
            + " are incomplete",
        dropped.sum(),
        calls);
  }

  long dropped() {
    return dropped.sum();
  }

  long givenUp() {
    return givenUp.sum();
  }
}
