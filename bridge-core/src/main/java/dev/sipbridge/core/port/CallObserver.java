package dev.sipbridge.core.port;

import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.tool.ToolOutcome;
import dev.sipbridge.core.transcript.Speaker;
import java.time.Duration;

/**
 * Told what happens to calls, for metrics. Every method must be cheap, thread-safe and must not
 * throw; the default does nothing.
 */
public interface CallObserver {
  /** The accept request succeeded, {@code sinceWebhook} after the webhook arrived. */
  default void accepted(Duration sinceWebhook) {}

  /** The socket opened, {@code sinceAccept} after the accept succeeded ({@code reattach}: again). */
  default void socketOpened(Duration sinceAccept, boolean reattach) {}

  default void callEnded(EndReason reason, Duration duration) {}

  default void lineEmitted(Speaker speaker) {}

  default void toolFinished(String tool, ToolOutcome outcome, Duration took) {}

  /** The realtime socket sent an {@code error} event. */
  default void realtimeError(String code) {}

  /** Token usage of one response ({@code response.done}). */
  default void tokens(long inputText, long inputAudio, long outputText, long outputAudio) {}

  /** A call ended having used this many model tokens in all its responses. */
  default void callTokens(long input, long output) {}

  CallObserver NONE = new CallObserver() {};
}
