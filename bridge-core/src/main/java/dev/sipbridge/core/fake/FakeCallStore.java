package dev.sipbridge.core.fake;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.store.CallCursor;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.store.CallPage;
import dev.sipbridge.core.store.CallQuery;
import dev.sipbridge.core.store.CallRecord;
import dev.sipbridge.core.store.CallRecord.RecordedLine;
import dev.sipbridge.core.store.CallSummary;
import dev.sipbridge.core.store.TokenPrices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A call store in memory, with the same answers as the real one; can be told to fail like a
 * database that is down. Thread-safe.
 */
public final class FakeCallStore implements CallStore {
  private final Map<CallId, CallRecord> calls = new LinkedHashMap<>();
  private final TokenPrices prices;
  private volatile boolean failing;
  private int writes;

  /** A store that prices tokens at {@link TokenPrices#GPT_REALTIME}. */
  public FakeCallStore() {
    this(TokenPrices.GPT_REALTIME);
  }

  public FakeCallStore(TokenPrices prices) {
    this.prices = prices;
  }

  /** From now on every method throws a retryable {@link AdapterException}, like a lost database. */
  public FakeCallStore failing(boolean failing) {
    this.failing = failing;
    return this;
  }

  /** How many batches were written. */
  public synchronized int writes() {
    return writes;
  }

  @Override
  public synchronized void write(List<CallEvent> events) {
    check("write");
    writes++;
    for (CallEvent event : events) {
      CallRecord r = calls.get(event.callId());
      if (event instanceof CallEvent.Started s) {
        if (r == null) {
          calls.put(s.callId(), CallRecords.started(s));
        }
      } else if (r != null) {
        calls.put(r.id(), CallRecords.apply(r, event, prices));
      }
    }
  }

  @Override
  public synchronized Optional<CallRecord> find(CallId id) {
    check("find");
    return Optional.ofNullable(calls.get(id));
  }

  @Override
  public synchronized CallPage search(CallQuery q) {
    check("search");
    Optional<CallCursor> cursor = q.cursor().map(CallCursor::parse);
    Comparator<CallRecord> newestFirst =
        Comparator.comparingLong((CallRecord r) -> r.incomingAt().toEpochMilli())
            .thenComparing(r -> r.id().value())
            .reversed();
    List<CallRecord> matching =
        calls.values().stream()
            .filter(r -> q.from().map(f -> !r.incomingAt().isBefore(f)).orElse(true))
            .filter(r -> q.to().map(t -> r.incomingAt().isBefore(t)).orElse(true))
            .filter(r -> q.number().map(n -> hasNumber(r, n)).orElse(true))
            .filter(
                r ->
                    q.endReason()
                        .map(e -> r.endReason().filter(e::equals).isPresent())
                        .orElse(true))
            .filter(r -> q.text().map(t -> saidSomething(r, t)).orElse(true))
            .filter(r -> cursor.map(c -> c.before(r.incomingAt(), r.id())).orElse(true))
            .sorted(newestFirst)
            .toList();
    List<CallSummary> page = new ArrayList<>();
    for (CallRecord r : matching.subList(0, Math.min(q.limit(), matching.size()))) {
      page.add(CallRecords.summary(r));
    }
    Optional<String> next =
        matching.size() > q.limit()
            ? Optional.of(CallRecords.cursor(matching.get(q.limit() - 1)))
            : Optional.empty();
    return new CallPage(page, next);
  }

  @Override
  public synchronized int closeOutUnfinished(Instant at, String endReason) {
    check("closeOutUnfinished");
    int n = 0;
    for (CallRecord r : List.copyOf(calls.values())) {
      if (r.live()) {
        calls.put(r.id(), CallRecords.ended(r, at, endReason));
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized int purgeBefore(Instant cutoff) {
    check("purgeBefore");
    int before = calls.size();
    calls.values().removeIf(r -> r.incomingAt().isBefore(cutoff));
    return before - calls.size();
  }

  private static boolean hasNumber(CallRecord r, String n) {
    return r.caller().contains(n)
        || r.called().contains(n)
        || r.forwardedFrom().filter(f -> f.contains(n)).isPresent();
  }

  private static boolean saidSomething(CallRecord r, String text) {
    String needle = text.toLowerCase(Locale.ROOT);
    for (RecordedLine line : r.lines()) {
      if (line.text().toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    return false;
  }

  private void check(String operation) {
    if (failing) {
      throw new AdapterException("fake-store", operation, 0, true, "told to fail", null);
    }
  }
}
