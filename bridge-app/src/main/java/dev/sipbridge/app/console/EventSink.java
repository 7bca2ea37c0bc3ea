package dev.sipbridge.app.console;

/** Where one watcher's stream is written (an SSE response); may block; called on one thread. */
interface EventSink {
  /** Writes one event; false when the watcher is gone. */
  boolean send(String name, String data, String id);

  /** Writes a comment line that keeps idle connections open; false when the watcher is gone. */
  boolean heartbeat();

  void close();
}
