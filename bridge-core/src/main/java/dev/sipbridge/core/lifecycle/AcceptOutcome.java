package dev.sipbridge.core.lifecycle;

/** What became of one {@code realtime.call.incoming} delivery; decides the webhook's answer. */
public enum AcceptOutcome {
  /** Accepted; the socket is opening. Answer 200. */
  ACCEPTED,
  /** Already handled (same webhook id or call id). Answer 200, nothing else. */
  DUPLICATE,
  /** OpenAI answered 404: the caller was gone. Answer 200. */
  CALL_GONE,
  /** At capacity: the call was rejected with SIP 486. Answer 200. */
  REJECTED_BUSY,
  /** Not accepting calls (shutting down). Answer 503 so the sender retries elsewhere. */
  NOT_READY,
  /** Accept kept failing within its budget. Answer 500 so the sender retries. */
  FAILED;

  /** Lower-case label for metrics and logs. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
