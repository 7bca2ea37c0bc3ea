package dev.sipbridge.core.store;

import dev.sipbridge.core.call.CallId;
import java.time.Instant;

/**
 * Where a page of the call list stopped: the last call's arrival (to the millisecond) and id. Calls
 * are listed newest first, ties broken by id, so the next page holds the calls that sort after it.
 * Its text form is opaque to API users.
 */
public record CallCursor(long incomingAtMillis, String callId) {
  public static CallCursor of(Instant incomingAt, CallId id) {
    return new CallCursor(incomingAt.toEpochMilli(), id.value());
  }

  /**
   * Reads a cursor's text form.
   *
   * @throws IllegalArgumentException when it is not one this store gave out
   */
  public static CallCursor parse(String text) {
    int cut = text.indexOf('_');
    if (cut < 1 || cut == text.length() - 1) {
      throw new IllegalArgumentException("not a cursor: " + text);
    }
    try {
      return new CallCursor(Long.parseLong(text.substring(0, cut)), text.substring(cut + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a cursor: " + text, e);
    }
  }

  /** Whether a call that came in at {@code incomingAt} with {@code id} belongs after this. */
  public boolean before(Instant incomingAt, CallId id) {
    long mine = incomingAt.toEpochMilli();
    return mine < incomingAtMillis
        || (mine == incomingAtMillis && id.value().compareTo(callId) < 0);
  }

  @Override
  public String toString() {
    return incomingAtMillis + "_" + callId;
  }
}
