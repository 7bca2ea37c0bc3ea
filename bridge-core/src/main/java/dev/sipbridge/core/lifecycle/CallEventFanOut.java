package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.store.CallEvent;
import java.lang.System.Logger.Level;
import java.util.List;

/** Tells each event to every listener; one listener's failure is its own. */
final class CallEventFanOut implements CallEventListener {
  private static final System.Logger LOG = System.getLogger(CallEventFanOut.class.getName());

  private final List<CallEventListener> listeners;

  private CallEventFanOut(List<CallEventListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  static CallEventListener of(List<CallEventListener> listeners) {
    if (listeners.isEmpty()) {
      return CallEventListener.NONE;
    }
    return new CallEventFanOut(listeners);
  }

  @Override
  public void onEvent(CallEvent event) {
    for (CallEventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "call_id={0} event listener failed: {1}", event.callId(), e.toString());
      }
    }
  }
}
