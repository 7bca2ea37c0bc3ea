package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.RealtimeChannel;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one call's realtime socket open: opens it, re-attaches it with backoff when it drops
 * without the call ending, and gives up after a bounded number of tries. Frames of an old socket
 * are ignored once a newer one exists, so nothing is handled twice.
 */
final class SocketKeeper {
  private static final System.Logger LOG = System.getLogger(SocketKeeper.class.getName());
  private static final long FIRST_BACKOFF_MS = 250;
  private static final long MAX_BACKOFF_MS = 4000;

  private final CallId callId;
  private final CallServices services;
  private final CallSession session;

  private volatile int generation;
  private volatile RealtimeChannel.Connection connection;
  private int failedAttempts;
  private boolean everOpened;
  private boolean closed;

  SocketKeeper(CallId callId, CallServices services, CallSession session) {
    this.callId = callId;
    this.services = services;
    this.session = session;
  }

  synchronized void open() {
    if (closed) {
      return;
    }
    int gen = ++generation;
    services.channel().open(callId, new Listener(gen))
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
        failed(error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error);
        return;
      }
      connection = conn;
      failedAttempts = 0;
      reattach = everOpened;
      everOpened = true;
    }
    session.socketOpened(reattach);
  }

  private void closedBy(int gen, int code, boolean normal) {
    synchronized (this) {
      if (gen != generation || closed) {
        return;
      }
      connection = null;
      if (!normal) {
        // a String: MessageFormat would print an int close code as "1,006"
        LOG.log(Level.WARNING, "call_id={0} socket dropped ({1}); re-attaching", callId,
            String.valueOf(code));
        failedAttempts++;
        retryOrGiveUp();
        return;
      }
      closed = true;
    }
    session.socketClosed(true);
  }

  /** Guarded by this. */
  private void failed(Throwable error) {
    if (error instanceof AdapterException && ((AdapterException) error).notFound()) {
      // The call no longer exists at OpenAI: the caller is gone.
      closed = true;
      services.workers().execute(() -> session.socketClosed(true));
      return;
    }
    failedAttempts++;
    LOG.log(Level.WARNING, "call_id={0} socket open failed ({1} of {2}): {3}", callId,
        failedAttempts, services.settings().socketAttempts(), error.getMessage());
    retryOrGiveUp();
  }

  /** Guarded by this. */
  private void retryOrGiveUp() {
    if (failedAttempts >= services.settings().socketAttempts()) {
      closed = true;
      services.workers().execute(() -> session.socketClosed(false));
      return;
    }
    long backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(failedAttempts - 1, 8));
    services.scheduler().schedule(this::open, backoff, TimeUnit.MILLISECONDS);
  }

  private final class Listener implements RealtimeChannel.Listener {
    private final int gen;

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public void onText(String frame) {
      if (gen == generation) {
        session.onFrame(frame);
      }
    }

    @Override
    public void onClosed(int code, String reason, boolean normal) {
      closedBy(gen, code, normal);
    }
  }
}
