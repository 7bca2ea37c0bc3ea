package dev.sipbridge.core.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers each voice-route conference's call token and caller, the only place the token ever is
 * (Twilio's voice webhook is its only source). Entries expire; thread-safe.
 */
public final class ConferenceDirectory {
  /** What the voice webhook told us about a caller. */
  public record Entry(String callToken, String caller, Instant createdAt) {}

  private final Clock clock;
  private final Duration ttl;
  private final int capacity;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  /**
   * @param ttl how long an entry is kept (longer than a call may last)
   * @param capacity the most entries kept; the oldest go first
   */
  public ConferenceDirectory(Clock clock, Duration ttl, int capacity) {
    this.clock = clock;
    this.ttl = ttl;
    this.capacity = capacity;
  }

  public synchronized void remember(String conference, String callToken, String caller) {
    prune();
    entries.remove(conference);
    entries.put(conference, new Entry(callToken, caller, clock.instant()));
    while (entries.size() > capacity) {
      Iterator<String> oldest = entries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  public synchronized Optional<Entry> find(String conference) {
    prune();
    return Optional.ofNullable(entries.get(conference));
  }

  public synchronized void forget(String conference) {
    entries.remove(conference);
  }

  public synchronized int size() {
    prune();
    return entries.size();
  }

  private void prune() {
    Instant cutoff = clock.instant().minus(ttl);
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext() && it.next().getValue().createdAt().isBefore(cutoff)) {
      it.remove();
    }
  }
}
