package dev.sipbridge.openai;

import java.net.http.WebSocket;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The outgoing side of one socket. The JDK allows one outstanding {@code sendText}, so frames wait
 * here and each completed send starts the next: callers never block and order is kept. A requested
 * close frame goes out after the frames queued before it. Thread-safe.
 */
final class Outbox {
  private final long maxChars;
  private final Consumer<String> onFailure;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private volatile WebSocket webSocket;
  // guarded by this
  private long queuedChars;
  private boolean sending;
  private boolean closeRequested;
  private boolean closeSent;
  private boolean discarded;

  /**
   * @param onFailure told why a send or the close frame failed; the socket is then dead
   */
  Outbox(long maxChars, Consumer<String> onFailure) {
    this.maxChars = maxChars;
    this.onFailure = onFailure;
  }

  void attach(WebSocket ws) {
    webSocket = ws;
  }

  /** Queues {@code text}; ignored after {@link #requestClose} or {@link #discard}. */
  void send(String text) {
    synchronized (this) {
      if (closeRequested || discarded) {
        return;
      }
      if (sending) {
        queue.add(text);
        queuedChars += text.length();
        if (queuedChars <= maxChars) {
          return;
        }
        text = null;
      } else {
        sending = true;
      }
    }
    if (text == null) {
      onFailure.accept("send queue over " + maxChars + " chars: the server does not read");
    } else {
      pump(text);
    }
  }

  /**
   * Asks for a normal close frame after what is queued.
   *
   * @return false when a close was already requested or the socket is gone
   */
  boolean requestClose() {
    synchronized (this) {
      if (closeRequested || discarded) {
        return false;
      }
      closeRequested = true;
      if (sending) {
        return true; // the last send sends the close frame
      }
      closeSent = true;
    }
    sendClose();
    return true;
  }

  /** The socket is gone: drop what is queued and accept nothing more. */
  synchronized void discard() {
    discarded = true;
    queue.clear();
    queuedChars = 0;
  }

  /** Sends {@code text}, then whatever queued meanwhile; loops rather than recursing. */
  private void pump(String text) {
    while (text != null) {
      CompletableFuture<WebSocket> sent = webSocket.sendText(text, true);
      if (!sent.isDone()) {
        sent.whenComplete(
            (ws, error) -> {
              if (error != null) {
                onFailure.accept("send failed: " + SdkErrors.describe(error, ""));
              } else {
                pump(next());
              }
            });
        return;
      }
      try {
        sent.join();
      } catch (CompletionException | CancellationException e) {
        onFailure.accept("send failed: " + SdkErrors.describe(e, ""));
        return;
      }
      text = next();
    }
  }

  /** The next queued frame, or null when idle (then a requested close goes out). */
  private String next() {
    boolean closeNow = false;
    String next;
    synchronized (this) {
      next = discarded ? null : queue.poll();
      if (next != null) {
        queuedChars -= next.length();
      } else {
        sending = false;
        closeNow = closeRequested && !closeSent && !discarded;
        closeSent |= closeNow;
      }
    }
    if (closeNow) {
      sendClose();
    }
    return next;
  }

  private void sendClose() {
    webSocket
        .sendClose(WebSocket.NORMAL_CLOSURE, "")
        .whenComplete(
            (ws, error) -> {
              if (error != null) {
                onFailure.accept("close failed: " + SdkErrors.describe(error, ""));
              }
            });
  }
}
