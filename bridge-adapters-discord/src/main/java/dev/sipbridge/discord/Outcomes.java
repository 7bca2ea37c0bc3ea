package dev.sipbridge.discord;

import static java.lang.System.Logger.Level.WARNING;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.DeliveryObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the sink's results go: the observer (for metrics), the log for give-ups, and each call's
 * thread once its announcement opened one. Thread-safe: the callers' threads report items they
 * could not queue.
 */
final class Outcomes {
  static final String SINK = "discord";
  private static final System.Logger LOG = System.getLogger(DiscordTranscriptSink.class.getName());

  private final DeliveryObserver observer;
  private final Clock clock;
  private final Map<CallId, String> threads = new ConcurrentHashMap<>();
  private final AtomicLong givenUp = new AtomicLong();

  Outcomes(DeliveryObserver observer, Clock clock) {
    this.observer = observer;
    this.clock = clock;
  }

  /** {@code 15 min}, {@code 2.5 s}, {@code 120 ms}: durations as logs show them. */
  static String human(Duration d) {
    if (d.compareTo(Duration.ofMinutes(1)) >= 0 && d.toSecondsPart() == 0 && d.toNanosPart() == 0) {
      return d.toMinutes() + " min";
    }
    if (d.compareTo(Duration.ofSeconds(1)) >= 0) {
      return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
    return d.toMillis() + " ms";
  }

  /** The thread the call's messages go into, or null. */
  String threadOf(CallId call) {
    return threads.get(call);
  }

  /** How many items were given up so far. */
  long givenUp() {
    return givenUp.get();
  }

  void retried() {
    observer.retried(SINK);
  }

  /**
   * {@code items} were stored by Discord; {@code channelId} is the answer's channel, which for a
   * thread-opening announcement is the new thread.
   */
  void delivered(List<Item> items, String channelId) {
    Instant now = clock.instant();
    for (Item item : items) {
      if (item instanceof Item.Line) {
        Duration latency = Duration.between(((Item.Line) item).line().emittedAt(), now);
        observer.delivered(SINK, latency.isNegative() ? Duration.ZERO : latency);
      } else if (item instanceof Item.Announcement
          && ((Item.Announcement) item).threadName() != null
          && !channelId.isEmpty()) {
        threads.put(item.call(), channelId);
      } else if (item instanceof Item.Final) {
        threads.remove(item.call()); // the call is over
      }
    }
  }

  /**
   * Counts {@code items} (a line, an announcement or a transcript counts one) as given up, and logs
   * it with {@code reason} unless that is null (the cause was logged already).
   */
  void gaveUp(List<Item> items, String reason) {
    if (items.isEmpty()) {
      return;
    }
    Set<CallId> calls = new LinkedHashSet<>();
    for (Item item : items) {
      calls.add(item.call());
    }
    count(items);
    if (reason != null) {
      LOG.log(
          WARNING,
          "Discord: gave up {0} message item(s) of call(s) {1}: {2}",
          items.size(),
          calls,
          reason);
    }
  }

  /**
   * Like {@link #gaveUp} but logs one line per call saying exactly what it lost, e.g. {@code call
   * rtc_a: 3 line(s), the final transcript}.
   */
  void gaveUpPerCall(List<Item> items, String reason) {
    if (items.isEmpty()) {
      return;
    }
    count(items);
    Map<CallId, List<Item>> byCall = new LinkedHashMap<>();
    items.forEach(i -> byCall.computeIfAbsent(i.call(), c -> new ArrayList<>()).add(i));
    byCall.forEach(
        (call, lost) ->
            LOG.log(WARNING, "Discord: {0}, call {1}: {2}", reason, call, describe(lost)));
  }

  private static String describe(List<Item> items) {
    List<String> lines = new ArrayList<>();
    items.stream()
        .filter(i -> i instanceof Item.Line)
        .forEach(i -> lines.add("#" + ((Item.Line) i).line().sequence()));
    List<String> parts = new ArrayList<>();
    if (items.stream().anyMatch(i -> i instanceof Item.Announcement)) {
      parts.add("the announcement");
    }
    if (!lines.isEmpty()) {
      parts.add(
          lines.size()
              + " line(s) "
              + (lines.size() <= 20
                  ? lines
                  : lines.subList(0, 10) + "…" + lines.subList(lines.size() - 10, lines.size())));
    }
    if (items.stream().anyMatch(i -> i instanceof Item.Final)) {
      parts.add("the final transcript");
    }
    return String.join(", ", parts);
  }

  private void count(List<Item> items) {
    for (Item item : items) {
      if (item instanceof Item.Final) {
        threads.remove(item.call());
      }
    }
    givenUp.addAndGet(items.size());
    observer.gaveUp(SINK, items.size());
  }
}
