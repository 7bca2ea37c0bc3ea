package dev.sipbridge.app.console;

import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.store.CallEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream behind {@code GET /api/events}: told every step of every call (it only queues),
 * numbers the streamed ones in one order on a thread of its own, keeps the last {@link #RING_SIZE}
 * of them, and hands each to the watchers that want it. A watcher that comes back with {@code
 * Last-Event-ID} gets every event it missed while they are still in the ring; past that (or after a
 * restart of the bridge) it gets a {@code reset} event and reloads from {@code /api}.
 */
public final class EventHub implements CallEventListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

  /** Streamed events kept for watchers that reconnect. */
  public static final int RING_SIZE = 10_000;

  /** Watchers at once; more are answered 503. */
  public static final int MAX_WATCHERS = 64;

  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final int INBOX = 100_000;

  /** One streamed event; {@code id} is {@code <boot>-<n>}. */
  record Numbered(long n, String id, String callId, String name, String json) {}

  private final String boot = Long.toString(System.currentTimeMillis(), 36);
  private final LinkedBlockingQueue<CallEvent> inbox = new LinkedBlockingQueue<>(INBOX);
  private final ExecutorService writers =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "event-stream-writer");
            t.setDaemon(true);
            return t;
          });
  private final Thread numberer = new Thread(this::run, "event-hub");
  private final ArrayDeque<Numbered> ring = new ArrayDeque<>();
  private final Set<String> liveCalls = new HashSet<>();
  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();
  private long next = 1;
  private volatile boolean closed;

  public EventHub() {
    numberer.setDaemon(true);
    numberer.start();
  }

  @Override
  public void onEvent(CallEvent event) {
    if (EventJson.name(event).isPresent()
        && !inbox.offer(event)
        && dropped.getAndIncrement() % 1000 == 0) {
      LOG.warn("live event stream is {} events behind; dropping", INBOX);
    }
  }

  /**
   * Adds a watcher.
   *
   * @param lastEventId the id of the last event it saw (reconnect), or empty (first connect: it
   *     gets the story so far of every live call)
   * @param call only this call's events, or empty for all
   * @return empty when {@link #MAX_WATCHERS} are watching already
   */
  public Optional<Watcher> watch(
      EventSink sink, Optional<String> lastEventId, Optional<String> call) {
    synchronized (ring) {
      if (closed || watchers.size() >= MAX_WATCHERS) {
        return Optional.empty();
      }
      Watcher w = new Watcher(sink, call, writers, this::forget);
      Optional<Long> after = lastEventId.flatMap(this::sequenceOf);
      if (lastEventId.isPresent() && after.isEmpty()) {
        w.reset();
      }
      for (Numbered e : ring) {
        boolean missed = after.map(n -> e.n() > n).orElse(liveCalls.contains(e.callId()));
        if (missed && w.wants(e)) {
          w.offer(e);
        }
      }
      watchers.add(w);
      return Optional.of(w);
    }
  }

  int watchers() {
    return watchers.size();
  }

  int ringSizeForTests() {
    synchronized (ring) {
      return ring.size();
    }
  }

  /** {@code n} of an id this hub gave out and still has everything after; else empty. */
  private Optional<Long> sequenceOf(String id) {
    int dash = id.indexOf('-');
    if (dash < 0 || !id.substring(0, dash).equals(boot)) {
      return Optional.empty();
    }
    try {
      long n = Long.parseLong(id.substring(dash + 1));
      long oldest = ring.isEmpty() ? next : ring.peekFirst().n();
      return n >= oldest - 1 && n < next ? Optional.of(n) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void run() {
    long lastBeat = System.nanoTime();
    while (!closed) {
      try {
        CallEvent event = inbox.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        if (event != null) {
          publish(event);
        }
        if (System.nanoTime() - lastBeat >= HEARTBEAT.toNanos()) {
          lastBeat = System.nanoTime();
          watchers.forEach(Watcher::heartbeat);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("live event stream: {}", e.toString());
      }
    }
  }

  private void publish(CallEvent event) {
    String name = EventJson.name(event).orElseThrow();
    String json = EventJson.body(event);
    String callId = event.callId().value();
    synchronized (ring) {
      long n = next++;
      Numbered numbered = new Numbered(n, boot + "-" + n, callId, name, json);
      ring.addLast(numbered);
      if (ring.size() > RING_SIZE) {
        ring.removeFirst();
      }
      if (event instanceof CallEvent.Started) {
        liveCalls.add(callId);
      } else if (event instanceof CallEvent.Ended) {
        liveCalls.remove(callId);
      }
      for (Watcher w : watchers) {
        if (w.wants(numbered)) {
          w.offer(numbered);
        }
      }
    }
  }

  private void forget(Watcher w) {
    watchers.remove(w);
  }

  /** Ends every stream (watchers' browsers reconnect to another instance or later). */
  @Override
  public void close() {
    closed = true;
    numberer.interrupt();
    List<Watcher> all;
    synchronized (ring) {
      all = new ArrayList<>(watchers);
    }
    all.forEach(Watcher::close);
    writers.shutdown();
  }
}
