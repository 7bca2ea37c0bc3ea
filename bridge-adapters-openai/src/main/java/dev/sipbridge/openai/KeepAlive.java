package dev.sipbridge.openai;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Finds dead sockets: after an interval without any incoming frame a ping goes out; another
 * interval without a frame or pong and the socket counts as dead.
 *
 * <p>Besides peers that vanish this catches a JDK 17 defect: when a frame and the peer's FIN arrive
 * together, the JDK sometimes never reports the end of input (about a third of such drops on
 * 17.0.15), which would leave a hung-up call open for ever. Ticks run on the JDK's shared delay
 * scheduler: no thread per socket.
 */
final class KeepAlive {
  private final Duration interval;
  private final BooleanSupplier stopped;
  private final Consumer<String> onDead;
  private volatile WebSocket webSocket;
  private volatile boolean heard;
  private boolean pingUnanswered; // only touched by tick(), which never overlaps itself

  KeepAlive(Duration interval, BooleanSupplier stopped, Consumer<String> onDead) {
    this.interval = interval;
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
    CompletableFuture.delayedExecutor(interval.toMillis(), TimeUnit.MILLISECONDS)
        .execute(this::tick);
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
