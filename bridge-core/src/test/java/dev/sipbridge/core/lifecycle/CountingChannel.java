package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.RealtimeChannel;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts every open attempt, failed ones too, then lets the wrapped channel answer. */
final class CountingChannel implements RealtimeChannel {
  private final RealtimeChannel delegate;
  private final AtomicInteger attempts = new AtomicInteger();

  CountingChannel(RealtimeChannel delegate) {
    this.delegate = delegate;
  }

  int attempts() {
    return attempts.get();
  }

  @Override
  public CompletionStage<Connection> open(CallId callId, Listener listener) {
    attempts.incrementAndGet();
    return delegate.open(callId, listener);
  }
}
