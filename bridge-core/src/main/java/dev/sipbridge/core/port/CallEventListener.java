package dev.sipbridge.core.port;

import dev.sipbridge.core.store.CallEvent;

/**
 * Told each step of every call's story (the call store's writer, the operator API's live stream).
 * Called on the thread that has the event, often a call's socket thread, sometimes under the call's
 * lock: it must only queue, never block, never throw and never call back into the bridge.
 */
@FunctionalInterface
public interface CallEventListener {
  void onEvent(CallEvent event);

  CallEventListener NONE = event -> {};
}
