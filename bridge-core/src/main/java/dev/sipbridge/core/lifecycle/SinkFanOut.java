package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands everything to any number of sinks. Each sink gets its own ordered lane on a shared
 * executor, so a slow or failing sink never delays another sink or the call, and a sink still sees
 * one call's lines in order. A sink that {@linkplain TranscriptSink#queuesOnly() only queues} is
 * called directly instead: its own queue already keeps it off the call's thread.
 */
public final class SinkFanOut implements TranscriptSink {
  private static final System.Logger LOG = System.getLogger(SinkFanOut.class.getName());

  private final List<Lane> lanes = new ArrayList<>();
  private final Clock clock;

  /** A fan-out whose {@link #flush} deadline runs on the system clock. */
  public SinkFanOut(List<TranscriptSink> sinks, Executor executor) {
    this(sinks, executor, Clock.systemUTC());
  }

  /**
   * @param clock the clock {@link #flush}'s deadline is measured on
   */
  public SinkFanOut(List<TranscriptSink> sinks, Executor executor, Clock clock) {
    this.clock = clock;
    for (TranscriptSink sink : sinks) {
      lanes.add(new Lane(sink, sink.queuesOnly() ? null : executor));
    }
  }

  @Override
  public void callStarted(IncomingCall call) {
    lanes.forEach(l -> l.submit(s -> s.callStarted(call)));
  }

  @Override
  public void publish(TranscriptLine line) {
    lanes.forEach(l -> l.submit(s -> s.publish(line)));
  }

  @Override
  public void callEnded(CallTranscript transcript) {
    lanes.forEach(l -> l.submit(s -> s.callEnded(transcript)));
  }

  /** Waits for every lane to drain, then flushes every sink within what is left of the deadline. */
  @Override
  public boolean flush(Duration deadline) {
    Deadline end = Deadline.after(clock, deadline);
    boolean all = true;
    for (Lane lane : lanes) {
      all &= lane.awaitIdle(end);
    }
    for (Lane lane : lanes) {
      try {
        all &= lane.sink.flush(end.left());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "sink {0} failed to flush: {1}", name(lane.sink), e.toString());
        all = false;
      }
    }
    return all;
  }

  private static String name(TranscriptSink sink) {
    return sink.getClass().getSimpleName();
  }

  /**
   * One sink's serial queue: at most one task of a lane runs at a time, in submission order.
   * Without an executor a task runs at once on the submitting thread.
   */
  private static final class Lane {
    private final TranscriptSink sink;
    private final Executor executor; // null: direct
    private final ConcurrentLinkedQueue<Consumer<TranscriptSink>> tasks =
        new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** Set while {@link #awaitIdle} waits: only then does a finished drain wake it. */
    private volatile boolean flushing;

    Lane(TranscriptSink sink, Executor executor) {
      this.sink = sink;
      this.executor = executor;
    }

    void submit(Consumer<TranscriptSink> task) {
      if (executor == null) {
        run(task);
        return;
      }
      tasks.add(task);
      if (scheduled.compareAndSet(false, true)) {
        executor.execute(this::drain);
      }
    }

    private void drain() {
      Consumer<TranscriptSink> task;
      while ((task = tasks.poll()) != null) {
        run(task);
      }
      scheduled.set(false);
      if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
        executor.execute(this::drain);
      } else if (flushing) {
        synchronized (this) {
          notifyAll();
        }
      }
    }

    private void run(Consumer<TranscriptSink> task) {
      try {
        task.accept(sink);
      } catch (RuntimeException e) {
        // A sink's failure is its own: the call and the other sinks go on.
        LOG.log(Level.WARNING, "sink {0} failed: {1}", name(sink), e.toString());
      }
    }

    /** Waits until the lane has nothing queued or running, at most until {@code end}. */
    synchronized boolean awaitIdle(Deadline end) {
      flushing = true;
      return end.await(this, () -> !scheduled.get() && tasks.isEmpty());
    }
  }
}
