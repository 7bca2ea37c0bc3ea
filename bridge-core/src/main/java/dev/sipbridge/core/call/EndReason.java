package dev.sipbridge.core.call;

/** Why a call ended; a metric label and a log field, so the names are stable. */
public enum EndReason {
  /** The socket closed: the caller hung up or the platform ended the call. */
  CALLER_HUNG_UP,
  /** The agent ended the call with the {@code end_call} tool. */
  AGENT_HUNG_UP,
  /** The caller was handed to someone else (cold or warm transfer). */
  TRANSFERRED,
  /** OpenAI answered the accept with 404: the caller was gone before we answered. */
  CALL_GONE,
  /** Accept failed for good (5xx, timeouts) within its retry budget. */
  ACCEPT_FAILED,
  /** The call was refused because the bridge is at {@code MAX_CONCURRENT_CALLS}. */
  REJECTED_BUSY,
  /** The realtime socket could not be opened or re-attached. */
  SOCKET_FAILED,
  /** The call outlived its maximum duration. */
  MAX_DURATION,
  /** The bridge shut down while the call was live. */
  SHUTDOWN,
  /** The operator ended the call from the API or console. */
  OPERATOR_HUNG_UP,
  /** The bridge stopped without ending the call; found at the next start. */
  BRIDGE_STOPPED
}
