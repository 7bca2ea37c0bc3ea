package dev.sipbridge.core.port;

import dev.sipbridge.core.call.CallId;
import java.util.concurrent.CompletionStage;

/**
 * Opens a call's realtime socket, the bridge's control channel for the call. Text frames pass
 * through unchanged: core parses and writes the events.
 */
public interface RealtimeChannel {
  /**
   * Starts connecting and returns at once. The stage completes with the open connection, or
   * exceptionally with an {@link AdapterException} ({@code notFound()} when the call is gone).
   */
  CompletionStage<Connection> open(CallId callId, Listener listener);

  /** An open socket. Both methods are thread-safe and never block. */
  interface Connection {
    /** Queues one text frame; frames leave in the order sent. Ignored once closed. */
    void send(String eventJson);

    /** Closes normally (1000); {@link Listener#onClosed} still follows. */
    void close();
  }

  /**
   * Receives one connection's frames. The adapter calls it from one thread at a time, in frame
   * order; it must not block.
   */
  interface Listener {
    /** One text frame (binary frames are dropped by the adapter). */
    void onText(String frame);

    /**
     * The socket is gone. {@code normal} is true for a close frame with 1000 sent by either side;
     * false for an abnormal close, a network error or a missing close frame.
     */
    void onClosed(int code, String reason, boolean normal);
  }
}
