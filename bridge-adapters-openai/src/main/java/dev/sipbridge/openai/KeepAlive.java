package dev.sipbridge.openai;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Finds dead sockets: after an interval without any incoming frame a ping goes out; another
 * interval without a frame or pong and the socket counts as dead.
 *
 * <p>Besides peers that vanish this catches a JDK 17 defect: when a frame and the peer's FIN arrive
 * together, the JDK sometimes never reports the end of input (about a third of such drops on
 * 17.0.15), which would leave a hung-up call open for ever. Ticks run on the bridge's timer: no
 * thread per socket or per tick.
 */
final class KeepAlive {
  private final Duration interval;
  private final ScheduledExecutorService timer;
  private final BooleanSupplier stopped;
  private final Consumer<String> onDead;
  private volatile WebSocket webSocket;
  private volatile boolean heard;
  private boolean pingUnanswered; // only touched by tick(), which never overlaps itself

  /** {@code timer} runs the ticks; a tick only reads flags and starts a ping, it never blocks. */
  KeepAlive(
      Duration interval,
      ScheduledExecutorService timer,
      BooleanSupplier stopped,
      Consumer<String> onDead) {
    this.interval = interval;
    this.timer = timer;
    this.stopped = stopped;
    this.onDead = onDead;
  }

  void start(WebSocket ws) {
    webSocket = ws;
    schedule();
  }

  /** Any frame or pong came in. */
  void heard() {
    heard = true;
  }

  private void schedule() {
    // Not CompletableFuture.delayedExecutor: on two cores it starts a new thread per tick
    // (docs/performance.md).
    try {
      timer.schedule(this::tick, interval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the timer is shut down: the bridge is stopping, the socket with it
    }
  }

  private void tick() {
    if (stopped.getAsBoolean()) {
      return;
    }
    if (heard) {
      heard = false;
      pingUnanswered = false;
    } else if (pingUnanswered) {
      onDead.accept("no frame and no pong within " + interval.toMillis() + " ms of a ping");
      return;
    } else {
      pingUnanswered = true;
      webSocket
          .sendPing(ByteBuffer.allocate(0))
          .whenComplete(
              (ws, error) -> {
                Throwable cause = unwrap(error);
                // a ping still pending from the last tick is no failure; a broken pipe is
                if (cause != null && !(cause instanceof IllegalStateException)) {
                  onDead.accept("ping failed: " + SdkErrors.describe(cause, ""));
                }
              });
    }
    schedule();
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
