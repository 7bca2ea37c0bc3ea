package dev.sipbridge.app.console;

import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One client of the live stream: its own queue, written out by a shared writer pool one event at a
 * time in order, so a slow browser delays only itself. A browser that falls {@link #BACKLOG} events
 * behind is cut off; it reconnects with {@code Last-Event-ID} and is replayed what it missed.
 */
public final class Watcher {
  static final int BACKLOG = 5_000;
  private static final EventHub.Numbered HEARTBEAT =
      new EventHub.Numbered(0, "", "", "heartbeat", "");
  private static final EventHub.Numbered RESET =
      new EventHub.Numbered(
          0, "", "", "reset", "{\"reason\":\"events were missed; reload calls from /api\"}");

  private final EventSink sink;
  private final Optional<String> call;
  private final Executor writers;
  private final Consumer<Watcher> onClose;
  private final ConcurrentLinkedQueue<EventHub.Numbered> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  Watcher(EventSink sink, Optional<String> call, Executor writers, Consumer<Watcher> onClose) {
    this.sink = sink;
    this.call = call;
    this.writers = writers;
    this.onClose = onClose;
  }

  boolean wants(EventHub.Numbered e) {
    return call.map(e.callId()::equals).orElse(true);
  }

  /** Queues an event; never blocks. */
  void offer(EventHub.Numbered e) {
    if (closed.get()) {
      return;
    }
    if (queued.incrementAndGet() > BACKLOG) {
      close();
      return;
    }
    queue.add(e);
    drainSoon();
  }

  void reset() {
    offer(RESET);
  }

  void heartbeat() {
    if (queued.get() == 0) {
      offer(HEARTBEAT);
    }
  }

  /** Ends the stream; idempotent. */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.accept(this);
      queue.clear();
      sink.close();
    }
  }

  private void drainSoon() {
    if (draining.compareAndSet(false, true)) {
      try {
        writers.execute(this::drain);
      } catch (RejectedExecutionException shuttingDown) {
        close();
      }
    }
  }

  private void drain() {
    EventHub.Numbered e;
    while (!closed.get() && (e = queue.poll()) != null) {
      queued.decrementAndGet();
      boolean written =
          e == HEARTBEAT
              ? sink.heartbeat()
              : sink.send(e.name(), e.json(), e.id().isEmpty() ? null : e.id());
      if (!written) {
        close();
        return;
      }
    }
    draining.set(false);
    if (!queue.isEmpty() && !closed.get()) {
      drainSoon();
    }
  }
}
