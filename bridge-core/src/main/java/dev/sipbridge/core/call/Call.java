package dev.sipbridge.core.call;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One phone call's identity and state. Thread-safe: the webhook thread, the socket thread and
 * timers all move it; {@link CallState} decides which moves are legal.
 */
public final class Call {
  private final IncomingCall incoming;
  private CallState state = CallState.INCOMING;
  private EndReason endReason;
  private Instant liveSince;

  public Call(IncomingCall incoming) {
    this.incoming = Objects.requireNonNull(incoming, "incoming");
  }

  public CallId id() {
    return incoming.id();
  }

  public IncomingCall incoming() {
    return incoming;
  }

  public synchronized CallState state() {
    return state;
  }

  /** Why it ended, once it has. */
  public synchronized Optional<EndReason> endReason() {
    return Optional.ofNullable(endReason);
  }

  /** When the socket first opened, once it has. */
  public synchronized Optional<Instant> liveSince() {
    return Optional.ofNullable(liveSince);
  }

  /** INCOMING → ACCEPTED. */
  public synchronized boolean accepted() {
    return move(CallState.ACCEPTED);
  }

  /** ACCEPTED → LIVE; a re-attached socket of a live call is not a new move. */
  public synchronized boolean live(Instant at) {
    if (state == CallState.LIVE) {
      return true;
    }
    boolean moved = move(CallState.LIVE);
    if (moved) {
      liveSince = at;
    }
    return moved;
  }

  /**
   * Ends the call (→ ENDED, or FAILED when it never got to talk). Only the first end counts.
   *
   * @return whether this call to end was the one that ended it
   */
  public synchronized boolean end(EndReason reason) {
    CallState target = failedBeforeTalking(reason) ? CallState.FAILED : CallState.ENDED;
    if (!move(target)) {
      return false;
    }
    endReason = reason;
    return true;
  }

  private boolean failedBeforeTalking(EndReason reason) {
    return reason == EndReason.ACCEPT_FAILED
        || (reason == EndReason.SOCKET_FAILED && state != CallState.LIVE);
  }

  private boolean move(CallState next) {
    if (!state.canMoveTo(next)) {
      return false;
    }
    state = next;
    return true;
  }

  @Override
  public synchronized String toString() {
    return "Call[" + id() + " " + state + "]";
  }
}
