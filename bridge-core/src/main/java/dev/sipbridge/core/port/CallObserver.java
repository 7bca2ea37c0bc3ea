package dev.sipbridge.core.port;

import dev.sipbridge.core.call.EndReason;
import java.time.Duration;

/**
 * Told, for metrics, what only the lifecycle measures: latencies, every call's end (rejected and
 * failed calls too, which have no record) and its total tokens, and realtime errors. What a call's
 * record already tells (lines, tool runs, token usage per response) comes from the {@link
 * CallEventListener} stream instead. Every method must be cheap, thread-safe and must not throw;
 * the default does nothing.
 */
public interface CallObserver {
  /** The accept request succeeded, {@code sinceWebhook} after the webhook arrived. */
  default void accepted(Duration sinceWebhook) {}

  /**
   * The socket opened, {@code sinceAccept} after the accept succeeded ({@code reattach}: again).
   */
  default void socketOpened(Duration sinceAccept, boolean reattach) {}

  /** A call ended ({@link Duration#ZERO} when it was never accepted). */
  default void callEnded(EndReason reason, Duration duration) {}

  /** A call that was live ended having used this many model tokens in all its responses. */
  default void callTokens(long input, long output) {}

  /** The realtime socket sent an {@code error} event. */
  default void realtimeError(String code) {}

  CallObserver NONE = new CallObserver() {};
}
