package dev.sipbridge.core.port;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.store.CallPage;
import dev.sipbridge.core.store.CallQuery;
import dev.sipbridge.core.store.CallRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where calls are remembered. Every method blocks on the database and is thread-safe; failures are
 * {@link AdapterException}s ({@code retryable} when trying again may work). The bridge never calls
 * it on a call's socket thread: writes go through a queue drained by a thread of its own.
 */
public interface CallStore {
  /** Records a batch of events, in order, all or nothing. Events of unknown calls are dropped. */
  void write(List<CallEvent> events);

  Optional<CallRecord> find(CallId id);

  /**
   * A page of the call list, newest first.
   *
   * @throws IllegalArgumentException when the query's cursor is not one this store gave out
   */
  CallPage search(CallQuery query);

  /**
   * Ends every call that has no end: they were live when a bridge stopped without ending them.
   *
   * @return how many were closed out
   */
  int closeOutUnfinished(Instant at, String endReason);

  /** Deletes calls that came in before {@code cutoff}; returns how many. */
  int purgeBefore(Instant cutoff);
}
