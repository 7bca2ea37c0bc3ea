package dev.sipbridge.openai;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

import dev.sipbridge.core.port.RealtimeChannel;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call's socket: the JDK {@link WebSocket.Listener} on the way in, the {@link
 * RealtimeChannel.Connection} on the way out ({@link Outbox}), kept alive by {@link KeepAlive}.
 *
 * <p>Whole text messages reach the core listener one at a time under {@code deliveryLock} (the JDK
 * calls us serially, but {@link #end} may come from a timer or a failed send). One message is
 * requested at a time, so at most one is buffered. {@code onClosed} is delivered exactly once.
 */
final class RealtimeSocket implements WebSocket.Listener, RealtimeChannel.Connection {
  private static final System.Logger LOG = System.getLogger(RealtimeSocket.class.getName());
  static final int MAX_MESSAGE_CHARS = 1 << 20;
  static final long MAX_OUTBOX_CHARS = 1 << 20;

  private final String callId;
  private final RealtimeChannel.Listener listener;
  private final Duration closeTimeout;
  private final String apiKey;
  private final ScheduledExecutorService timer;
  private final TextAssembler assembler = new TextAssembler(MAX_MESSAGE_CHARS);
  private final Outbox outbox = new Outbox(MAX_OUTBOX_CHARS, this::fail);
  private final AtomicBoolean ended = new AtomicBoolean();
  private final KeepAlive keepAlive;
  private final Object deliveryLock = new Object();
  private boolean delivering; // guarded by deliveryLock
  private Closed closeDuringDelivery; // guarded by deliveryLock
  private volatile WebSocket webSocket;

  RealtimeSocket(
      String callId,
      RealtimeChannel.Listener listener,
      Duration closeTimeout,
      Duration pingInterval,
      String apiKey,
      ScheduledExecutorService timer) {
    this.callId = callId;
    this.timer = timer;
    this.listener = listener;
    this.closeTimeout = closeTimeout;
    this.apiKey = apiKey;
    this.keepAlive = new KeepAlive(pingInterval, timer, ended::get, this::fail);
  }

  /** The handshake succeeded: sending works from now on. */
  void attach(WebSocket ws) {
    webSocket = ws;
    outbox.attach(ws);
  }

  /** The caller has the connection: start reading and pinging. */
  void startReading() {
    keepAlive.start(webSocket);
    webSocket.request(1);
  }

  @Override
  public void onOpen(WebSocket ws) {
    attach(ws); // no request(1) yet: startReading() does it once the open stage has completed
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    keepAlive.heard();
    String message = assembler.append(data, last);
    if (message != null) {
      deliver(message);
    } else if (last) {
      LOG.log(
          WARNING, "call {0}: dropped a text message over {1} chars", callId, MAX_MESSAGE_CHARS);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    keepAlive.heard();
    if (last) {
      LOG.log(DEBUG, "call {0}: binary frame dropped", callId);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
    keepAlive.heard(); // the JDK answers with a pong itself
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
    keepAlive.heard();
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    // the JDK reports a TCP drop (the usual hang-up, reference §3.5) as 1006 with no reason
    String why =
        statusCode == 1006 && (reason == null || reason.isBlank())
            ? "connection dropped without a close frame"
            : Redaction.scrub(reason, apiKey);
    // returning null lets the JDK answer with a close frame if we have not sent one
    end(statusCode, why, statusCode == WebSocket.NORMAL_CLOSURE);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    end(1006, SdkErrors.describe(error, apiKey), false);
  }

  @Override
  public void send(String eventJson) {
    Objects.requireNonNull(eventJson, "eventJson");
    if (ended.get()) {
      LOG.log(DEBUG, "call {0}: send after close ignored", callId);
      return;
    }
    outbox.send(eventJson);
  }

  @Override
  public void close() {
    if (!ended.get() && outbox.requestClose()) {
      try {
        timer.schedule(this::closeTimedOut, closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        closeTimedOut(); // the timer is shut down: the bridge is stopping, do not wait
      }
    }
  }

  private void closeTimedOut() {
    if (!ended.get()) {
      LOG.log(DEBUG, "call {0}: no close reply within {1}, aborting", callId, closeTimeout);
      webSocket.abort();
      // we asked for this close: it is a normal end, not a drop to reconnect after
      end(WebSocket.NORMAL_CLOSURE, "closed by bridge", true);
    }
  }

  /** A send, the close frame or the keep-alive failed: the socket is dead. */
  private void fail(String reason) {
    webSocket.abort();
    end(1006, reason, false);
  }

  private void deliver(String message) {
    synchronized (deliveryLock) {
      if (ended.get()) {
        return;
      }
      delivering = true;
      try {
        listener.onText(message);
      } catch (RuntimeException e) {
        // the listener's bug must not kill the call's socket
        LOG.log(WARNING, "call " + callId + ": listener failed on a text message", e);
      } finally {
        delivering = false;
      }
      if (closeDuringDelivery != null) {
        notifyClosed(closeDuringDelivery);
      }
    }
  }

  private void end(int code, String reason, boolean normal) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    outbox.discard();
    LOG.log(DEBUG, "call {0}: socket closed {1} {2}", callId, String.valueOf(code), reason);
    Closed closed = new Closed(code, reason, normal);
    synchronized (deliveryLock) {
      if (delivering) {
        // the listener's own send failed inside onText: tell it once onText has returned
        closeDuringDelivery = closed;
      } else {
        notifyClosed(closed);
      }
    }
  }

  private void notifyClosed(Closed closed) {
    try {
      listener.onClosed(closed.code(), closed.reason(), closed.normal());
    } catch (RuntimeException e) {
      LOG.log(WARNING, "call " + callId + ": listener failed on close", e);
    }
  }

  private record Closed(int code, String reason, boolean normal) {}
}
