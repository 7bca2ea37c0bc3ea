package dev.sipbridge.core.port;

import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Duration;

/**
 * Where transcripts go (Discord, a file, your own). The bridge calls the first three methods on
 * this sink's own ordered lane on its worker threads, so a sink that writes a file or calls a
 * service synchronously delays neither the call nor another sink; a sink that only queues its work
 * says so with {@link #queuesOnly()}. They may throw; the bridge logs and carries on, a sink never
 * ends a call. Lines of one call arrive in emission order.
 */
public interface TranscriptSink {
  /** The call was accepted: announce who is calling whom. */
  void callStarted(IncomingCall call);

  /** One completed line of a live call. */
  void publish(TranscriptLine line);

  /** The call ended: its whole transcript in conversation order. */
  void callEnded(CallTranscript transcript);

  /**
   * True when the three methods above only queue the work for a thread of the sink's own: they
   * never block and never call back into the bridge. The bridge then calls them directly on the
   * thread that has the event (for lines, the call's socket thread), which saves a thread hand-off
   * per line. The Discord sink does; the default is false, and then each sink gets a lane.
   */
  default boolean queuesOnly() {
    return false;
  }

  /**
   * Delivers what is still queued, waiting up to {@code deadline}; called at shutdown.
   *
   * @return whether everything was delivered in time
   */
  default boolean flush(Duration deadline) {
    return true;
  }
}
