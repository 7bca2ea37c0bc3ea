package dev.sipbridge.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A search of the call history, newest first.
 *
 * @param from only calls that came in at or after this
 * @param to only calls that came in before this
 * @param number a caller, called or forwarding number containing this
 * @param endReason only calls that ended for this reason ({@code EndReason} name)
 * @param text only calls with a line containing this, case-insensitively
 * @param cursor where the previous page stopped ({@link CallPage#nextCursor()}); opaque
 * @param limit at most this many calls (1..200)
 */
public record CallQuery(
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> number,
    Optional<String> endReason,
    Optional<String> text,
    Optional<String> cursor,
    int limit) {

  public CallQuery {
    if (limit < 1 || limit > 200) {
      throw new IllegalArgumentException("limit must be 1..200, was: " + limit);
    }
  }

  /** The newest {@code limit} calls, no filter. */
  public static CallQuery newest(int limit) {
    return new CallQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        limit);
  }
}
