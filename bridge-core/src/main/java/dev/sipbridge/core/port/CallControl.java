package dev.sipbridge.core.port;

import dev.sipbridge.core.call.CallId;

/**
 * Controls a SIP call on OpenAI's side (the Realtime Calls REST API). Every method blocks until the
 * service answered, is safe to call from any thread, and throws {@link AdapterException} on failure
 * ({@link AdapterException#notFound()} when the call is gone). Adapters do not retry.
 */
public interface CallControl {
  /** Answers the call with the agent's session configuration. */
  void accept(CallId callId, AcceptRequest request);

  /** Refuses the call with a SIP status code (486 busy, 603 decline). */
  void reject(CallId callId, int sipStatusCode);

  /** Cold transfer: SIP REFER to {@code targetUri} ({@code tel:+E164} or {@code sip:...}). */
  void refer(CallId callId, String targetUri);

  /** Ends the call. */
  void hangUp(CallId callId);
}
