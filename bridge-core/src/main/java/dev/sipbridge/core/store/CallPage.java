package dev.sipbridge.core.store;

import java.util.List;
import java.util.Optional;

/** One page of a call search; {@code nextCursor} is empty on the last page. */
public record CallPage(List<CallSummary> calls, Optional<String> nextCursor) {
  public CallPage {
    calls = List.copyOf(calls);
  }
}
