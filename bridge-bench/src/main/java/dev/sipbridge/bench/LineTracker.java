package dev.sipbridge.bench;

import dev.sipbridge.testkit.SimulatedCall.LineCompletion;
import dev.sipbridge.testkit.SimulatedDiscord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches the transcript lines Discord received to the events that completed them. Every line of a
 * benchmark call is unique (its script tags each utterance), so the text alone says which call and
 * which line it is. Announcements and final transcripts are not live lines and are skipped.
 * Thread-safe.
 */
final class LineTracker {
  private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();

  /** For {@link SimulatedDiscord#onMessage}: stamps each line of a live message on arrival. */
  void onMessage(SimulatedDiscord.Message message) {
    long now = System.nanoTime();
    String content = message.content();
    if (content.startsWith("Transcript of call ") || content.startsWith("Call ")) {
      return;
    }
    for (String line : content.split("\n")) {
      deliveredAt.putIfAbsent(line, now);
    }
  }

  boolean allDelivered(List<String> lines) {
    for (String line : lines) {
      if (!deliveredAt.containsKey(line)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds one call's completion → sink latencies to {@code out} and forgets its lines.
   *
   * <p>A line may legitimately wait for an earlier line still being transcribed (the bridge emits
   * in conversation order, holding a line at most {@code orderWaitNanos}); its clock then starts
   * when it could go out: at the later of its own completion and the earlier lines', but no later
   * than its own completion plus the order wait.
   *
   * @param expected the call's lines in conversation order
   * @return how many of them were delivered
   */
  int measure(
      List<String> expected, List<LineCompletion> completions, long orderWaitNanos, Samples out) {
    Map<String, Long> completedAt = new HashMap<>();
    completions.forEach(c -> completedAt.putIfAbsent(c.line(), c.nanoTime()));
    int delivered = 0;
    long earlier = Long.MIN_VALUE;
    for (String line : expected) {
      Long done = completedAt.get(line);
      Long at = deliveredAt.remove(line);
      if (at != null) {
        delivered++;
      }
      if (done == null) {
        continue;
      }
      long ready = Math.max(done, Math.min(earlier, done + orderWaitNanos));
      earlier = Math.max(earlier, done);
      if (at != null) {
        out.add(Math.max(0, at - ready));
      }
    }
    return delivered;
  }
}
