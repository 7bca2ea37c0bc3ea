package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.RealtimeChannel;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one call's realtime socket open: opens it, re-attaches it with backoff when it drops
 * without the call ending, and gives up after a bounded number of tries. Frames of an old socket
 * are ignored once a newer one exists, so nothing is handled twice.
 *
 * <p>An open counts as a success only once the socket has lasted {@link #STABLE_AFTER}: a socket
 * that opens and drops at once (a peer that closes 1006 on every frame) is a failed attempt, so the
 * backoff grows and the attempts run out, instead of a re-attach four times a second for the whole
 * call. Each call also has at most {@link #REATTACH_BUDGET} re-attaches. Either way the call then
 * ends as {@code SOCKET_FAILED} (hung up at OpenAI: a call nobody listens to has no transcript and
 * its tool calls go unanswered), with one line saying why.
 *
 * <p>It reports to its own {@link Events}, not to the call that owns it: the call drives the
 * keeper, the keeper only tells what happened.
 */
final class SocketKeeper {
  /** What the keeper tells its owner; never called under the keeper's lock. */
  interface Events {
    /** The socket opened, the first time or ({@code reattach}) again. */
    void opened(boolean reattach);

    /** One text frame of the current socket. */
    void frame(String text);

    /**
     * The socket is gone for good: {@code normal} when it closed cleanly or the call no longer
     * exists at OpenAI, else the re-attaches gave up.
     */
    void closed(boolean normal);
  }

  private static final System.Logger LOG = System.getLogger(SocketKeeper.class.getName());
  private static final long FIRST_BACKOFF_MS = 250;
  private static final long MAX_BACKOFF_MS = 4000;
  static final Duration STABLE_AFTER = Duration.ofSeconds(10);
  static final int REATTACH_BUDGET = 20;

  private final CallId callId;
  private final CallServices services;
  private final Events events;

  private volatile int generation;
  private volatile RealtimeChannel.Connection connection;
  private int failedAttempts;
  private int reattaches;
  private Instant openedAt;
  private boolean everOpened;
  private boolean closed;

  SocketKeeper(CallId callId, CallServices services, Events events) {
    this.callId = callId;
    this.services = services;
    this.events = events;
  }

  synchronized void open() {
    if (closed) {
      return;
    }
    int gen = ++generation;
    services
        .channel()
        .open(callId, new Listener(gen))
        .whenComplete((conn, error) -> opened(gen, conn, error));
  }

  void send(String eventJson) {
    RealtimeChannel.Connection c = connection;
    if (c != null) {
      c.send(eventJson);
    }
  }

  /** Closes the socket for good; no re-attach follows. */
  void close() {
    RealtimeChannel.Connection c;
    synchronized (this) {
      closed = true;
      c = connection;
      connection = null;
    }
    if (c != null) {
      c.close();
    }
  }

  private void opened(int gen, RealtimeChannel.Connection conn, Throwable error) {
    boolean reattach;
    synchronized (this) {
      if (gen != generation || closed) {
        if (conn != null) {
          conn.close();
        }
        return;
      }
      if (error != null) {
        failed(
            error instanceof CompletionException && error.getCause() != null
                ? error.getCause()
                : error);
        return;
      }
      connection = conn;
      openedAt = services.clock().instant();
      reattach = everOpened;
      everOpened = true;
    }
    events.opened(reattach);
  }

  private void closedBy(int gen, int code, boolean normal) {
    synchronized (this) {
      if (gen != generation || closed) {
        return;
      }
      connection = null;
      if (!normal) {
        Duration lasted = Duration.between(openedAt, services.clock().instant());
        if (lasted.compareTo(STABLE_AFTER) >= 0) {
          failedAttempts = 0; // it worked for a while: a fresh drop, not a failing peer
        }
        failedAttempts++;
        if (++reattaches > REATTACH_BUDGET) {
          LOG.log(
              Level.WARNING,
              "call_id={0} socket dropped ({1}) after {2} re-attaches, the"
                  + " most one call gets; ending the call",
              callId,
              String.valueOf(code),
              String.valueOf(REATTACH_BUDGET));
          giveUp();
          return;
        }
        // a String: MessageFormat would print an int close code as "1,006"
        LOG.log(
            Level.WARNING,
            "call_id={0} socket dropped ({1}); re-attaching",
            callId,
            String.valueOf(code));
        retryOrGiveUp();
        return;
      }
      closed = true;
    }
    events.closed(true);
  }

  /** Guarded by this. */
  private void failed(Throwable error) {
    if (error instanceof AdapterException && ((AdapterException) error).notFound()) {
      // The call no longer exists at OpenAI: the caller is gone.
      closed = true;
      services.workers().execute(() -> events.closed(true));
      return;
    }
    failedAttempts++;
    LOG.log(
        Level.WARNING,
        "call_id={0} socket open failed ({1} of {2}): {3}",
        callId,
        failedAttempts,
        services.settings().socketAttempts(),
        error.getMessage());
    retryOrGiveUp();
  }

  /** Guarded by this. */
  private void retryOrGiveUp() {
    if (failedAttempts >= services.settings().socketAttempts()) {
      LOG.log(
          Level.WARNING,
          "call_id={0} socket failed {1} times in a row (opens that did not"
              + " last {2} s count); ending the call",
          callId,
          String.valueOf(failedAttempts),
          String.valueOf(STABLE_AFTER.toSeconds()));
      giveUp();
      return;
    }
    long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(failedAttempts - 1, 8));
    services.scheduler().schedule(this::open, backoff, TimeUnit.MILLISECONDS);
  }

  /** Guarded by this. */
  private void giveUp() {
    closed = true;
    services.workers().execute(() -> events.closed(false));
  }

  private final class Listener implements RealtimeChannel.Listener {
    private final int gen;

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public void onText(String frame) {
      if (gen == generation) {
        events.frame(frame);
      }
    }

    @Override
    public void onClosed(int code, String reason, boolean normal) {
      closedBy(gen, code, normal);
    }
  }
}
