package dev.sipbridge.core.port;

import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Duration;

/**
 * Where transcripts go (Discord, a file, your own). The first three methods are called from the
 * call's event thread and must return at once: queue the work. They may throw; the bridge logs
 * and carries on, a sink never ends a call. Lines of one call arrive in emission order.
 */
public interface TranscriptSink {
  /** The call was accepted: announce who is calling whom. */
  void callStarted(IncomingCall call);

  /** One completed line of a live call. */
  void publish(TranscriptLine line);

  /** The call ended: its whole transcript in conversation order. */
  void callEnded(CallTranscript transcript);

  /**
   * Delivers what is still queued, waiting up to {@code deadline}; called at shutdown.
   *
   * @return whether everything was delivered in time
   */
  default boolean flush(Duration deadline) {
    return true;
  }
}
