package dev.sipbridge.core.call;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a call is in its life. Legal moves: INCOMING → ACCEPTED → LIVE → ENDED, and any state that
 * is not final → FAILED (or ENDED, when the caller is gone before the socket opened).
 */
public enum CallState {
  INCOMING,
  ACCEPTED,
  LIVE,
  ENDED,
  FAILED;

  /** Whether a call in this state may move to {@code next}. */
  public boolean canMoveTo(CallState next) {
    return successors().contains(next);
  }

  public boolean isFinal() {
    return this == ENDED || this == FAILED;
  }

  private Set<CallState> successors() {
    switch (this) {
      case INCOMING:
        return EnumSet.of(ACCEPTED, ENDED, FAILED);
      case ACCEPTED:
        return EnumSet.of(LIVE, ENDED, FAILED);
      case LIVE:
        return EnumSet.of(ENDED, FAILED);
      default:
        return EnumSet.noneOf(CallState.class);
    }
  }
}
