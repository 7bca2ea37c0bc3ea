package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.store.CallEvent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes every call's story into a {@link CallStore} without ever slowing a call: {@link #onEvent}
 * only queues (a bounded backlog; what does not fit is dropped, counted and logged), and one thread
 * of its own drains the queue in batches, retrying with backoff while the store fails. The same
 * thread first closes out the calls a stopped bridge left open ({@code BRIDGE_STOPPED}, before
 * anything new is written) and purges calls older than the retention, at start and daily: one
 * writer, so SQLite never sees two.
 */
public final class CallRecorder implements CallEventListener, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CallRecorder.class.getName());
  private static final Duration PURGE_EVERY = Duration.ofDays(1);

  /** An idle writer sees {@link #close()} within this; it cost every stop (and warm-up) 1 s. */
  private static final Duration IDLE_POLL = Duration.ofMillis(100);

  /**
   * @param backlog the most events waiting to be written; more are dropped (and counted)
   * @param maxBatch the most events written in one transaction
   * @param firstRetry the wait after a failed write; doubled on each failure up to {@code maxRetry}
   * @param retention calls that came in longer ago than this are purged; empty: kept
   * @param flushDeadline how long {@link #close()} waits for the backlog to be written
   */
  public record Settings(
      int backlog,
      int maxBatch,
      Duration firstRetry,
      Duration maxRetry,
      Optional<Duration> retention,
      Duration flushDeadline) {
    public Settings {
      if (backlog < 1 || maxBatch < 1) {
        throw new IllegalArgumentException("backlog and maxBatch must be positive");
      }
      Objects.requireNonNull(firstRetry, "firstRetry");
      Objects.requireNonNull(maxRetry, "maxRetry");
      Objects.requireNonNull(retention, "retention");
      Objects.requireNonNull(flushDeadline, "flushDeadline");
    }

    /** 100 000 events of backlog (a few minutes of 500 busy calls), 500 per batch, keep all. */
    public static Settings defaults() {
      return new Settings(
          100_000,
          500,
          Duration.ofMillis(250),
          Duration.ofSeconds(10),
          Optional.empty(),
          Duration.ofSeconds(10));
    }

    public Settings withRetention(Optional<Duration> retention) {
      return new Settings(backlog, maxBatch, firstRetry, maxRetry, retention, flushDeadline);
    }

    public Settings withRetries(Duration first, Duration max) {
      return new Settings(backlog, maxBatch, first, max, retention, flushDeadline);
    }

    public Settings withBacklog(int backlog) {
      return new Settings(backlog, maxBatch, firstRetry, maxRetry, retention, flushDeadline);
    }

    public Settings withFlushDeadline(Duration flushDeadline) {
      return new Settings(backlog, maxBatch, firstRetry, maxRetry, retention, flushDeadline);
    }
  }

  private final CallStore store;
  private final Settings settings;
  private final Clock clock;
  private final LinkedBlockingQueue<CallEvent> queue;
  private final Thread writer;
  private final RecorderLosses losses = new RecorderLosses();
  private final LongAdder written = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private volatile List<CallEvent> inFlight = List.of();
  private volatile boolean closing;
  private final CountDownLatch started = new CountDownLatch(1);
  private boolean storeDown;
  private Instant nextPurge;

  private CallRecorder(CallStore store, Settings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.queue = new LinkedBlockingQueue<>(settings.backlog());
    this.writer = new Thread(this::run, "call-store-writer");
    writer.setDaemon(true);
  }

  /** Starts the writer thread: close-out, purge, then the events as they come. */
  public static CallRecorder start(CallStore store, Settings settings, Clock clock) {
    CallRecorder recorder =
        new CallRecorder(
            Objects.requireNonNull(store, "store"),
            Objects.requireNonNull(settings, "settings"),
            Objects.requireNonNull(clock, "clock"));
    recorder.writer.start();
    return recorder;
  }

  /** Queues the event; never blocks. A full backlog, or a closed recorder, drops it. */
  @Override
  public void onEvent(CallEvent event) {
    if (!closing && queue.offer(event)) {
      return;
    }
    losses.dropped(event, closing ? "closed" : "full (" + settings.backlog() + " events)");
  }

  /**
   * Waits until the store answered for the first time, or {@code timeout} passed. When it answered
   * well, the schema is up to date and calls a stopped bridge left open are closed out; when it
   * failed (a database that is down), the writer goes on trying on its own.
   *
   * @return whether the store answered in time
   */
  public boolean awaitStarted(Duration timeout) throws InterruptedException {
    return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Events waiting to be written, including the batch being written. */
  public int backlog() {
    return queue.size() + inFlight.size();
  }

  public long written() {
    return written.sum();
  }

  /** Events dropped because the backlog was full or the recorder closed. */
  public long dropped() {
    return losses.dropped();
  }

  /** Events the store refused (not retryable), or still unwritten when the flush deadline hit. */
  public long givenUp() {
    return losses.givenUp();
  }

  /** Failed store calls that were tried again. */
  public long retries() {
    return retries.sum();
  }

  /**
   * Stops taking events and waits up to the flush deadline for the backlog to be written; what is
   * left then is given up and logged. Idempotent.
   */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(settings.flushDeadline().toMillis());
      if (writer.isAlive()) {
        writer.interrupt();
        writer.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    nextPurge = clock.instant();
    try {
      closeOutUnfinished();
      while (!closing || !queue.isEmpty()) {
        purgeIfDue();
        List<CallEvent> batch = nextBatch();
        if (!batch.isEmpty()) {
          write(batch);
        }
      }
    } catch (InterruptedException e) {
      giveUpRest("the flush deadline passed");
      return;
    }
    losses.report();
  }

  private void closeOutUnfinished() throws InterruptedException {
    try {
      retrying(
          () -> {
            try {
              int n = store.closeOutUnfinished(clock.instant(), EndReason.BRIDGE_STOPPED.name());
              if (n > 0) {
                LOG.log(
                    Level.INFO,
                    "call store: closed out {0} call(s) left live by a stopped" + " bridge",
                    n);
              }
            } finally {
              started.countDown(); // the first answer, even a failure: start-up waits no longer
            }
          });
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "call store: closing out unfinished calls failed: {0}", e.toString());
    } finally {
      started.countDown();
    }
  }

  private List<CallEvent> nextBatch() throws InterruptedException {
    List<CallEvent> batch = new ArrayList<>();
    CallEvent first = queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
    if (first == null) {
      return batch;
    }
    batch.add(first);
    queue.drainTo(batch, settings.maxBatch() - 1);
    inFlight = batch;
    return batch;
  }

  /**
   * Writes the batch, retrying while the store fails retryably; a refused batch goes one by one.
   */
  private void write(List<CallEvent> batch) throws InterruptedException {
    try {
      retrying(() -> store.write(batch));
      written.add(batch.size());
    } catch (RuntimeException refused) {
      if (batch.size() == 1) {
        losses.gaveUp(batch, "the store refused it: " + refused.getMessage());
      } else {
        // One bad event must not cost the others: write them one at a time, in order.
        for (CallEvent event : batch) {
          writeOne(event);
        }
      }
    }
    inFlight = List.of();
    if (queue.size() <= settings.backlog() / 2) {
      losses.report(); // the backlog has room again
    }
  }

  private void writeOne(CallEvent event) throws InterruptedException {
    try {
      retrying(() -> store.write(List.of(event)));
      written.increment();
    } catch (RuntimeException refused) {
      losses.gaveUp(List.of(event), "the store refused it: " + refused.getMessage());
    }
  }

  private void purgeIfDue() throws InterruptedException {
    Instant now = clock.instant();
    if (settings.retention().isEmpty() || now.isBefore(nextPurge)) {
      return;
    }
    // The next one a day after this one began, however long this one took (an outage).
    nextPurge = now.plus(PURGE_EVERY);
    Instant cutoff = now.minus(settings.retention().get());
    try {
      retrying(
          () -> {
            int n = store.purgeBefore(cutoff);
            LOG.log(
                Level.INFO, "call store: purged {0} call(s) that came in before {1}", n, cutoff);
          });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "call store: purge failed: {0}", e.toString());
    }
  }

  /**
   * Runs a store operation until it succeeds; a retryable {@link AdapterException} is retried with
   * backoff (until the recorder is interrupted), anything else is thrown.
   */
  private void retrying(Runnable operation) throws InterruptedException {
    Duration wait = settings.firstRetry();
    while (true) {
      try {
        operation.run();
        if (storeDown) {
          storeDown = false;
          LOG.log(Level.INFO, "call store is back; {0} event(s) waiting", backlog());
        }
        return;
      } catch (AdapterException e) {
        if (!e.retryable()) {
          throw e;
        }
        retries.increment();
        if (!storeDown) {
          storeDown = true;
          LOG.log(
              Level.WARNING,
              "call store unavailable ({0}); calls go on, their events wait"
                  + " in the backlog and are retried",
              e.getMessage());
        }
      }
      Thread.sleep(wait.toMillis());
      wait =
          wait.multipliedBy(2).compareTo(settings.maxRetry()) > 0
              ? settings.maxRetry()
              : wait.multipliedBy(2);
    }
  }

  private void giveUpRest(String why) {
    List<CallEvent> rest = new ArrayList<>(inFlight);
    inFlight = List.of();
    queue.drainTo(rest);
    if (!rest.isEmpty()) {
      losses.gaveUp(rest, why);
    }
    losses.report();
  }
}
