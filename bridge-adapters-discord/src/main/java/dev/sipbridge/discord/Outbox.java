package dev.sipbridge.discord;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The one FIFO queue of a webhook, shared by the calls' threads (which add) and the sender (which
 * takes). It also tracks whether the sender is scheduled and whether a taken message is still in
 * flight, so that adding wakes the sender exactly when needed and {@link #awaitIdle} knows when
 * everything is done. Thread-safe.
 */
final class Outbox {
  /** What {@link #offer} did. */
  enum Offer {
    ADDED,
    /** Added, and the sender was idle: the caller must wake it. */
    ADDED_WAKE,
    FULL
  }

  private final ArrayDeque<Item> items = new ArrayDeque<>();
  private final int capacity;
  private boolean senderActive;
  private boolean inFlight;

  Outbox(int capacity) {
    this.capacity = capacity;
  }

  synchronized Offer offer(Item item) {
    if (items.size() >= capacity) {
      return Offer.FULL;
    }
    items.addLast(item);
    if (senderActive) {
      return Offer.ADDED;
    }
    senderActive = true;
    return Offer.ADDED_WAKE;
  }

  /**
   * Takes the next message's items, after moving heads older than {@code staleBefore} to {@code
   * stale}. With {@code coalesce} (a backlog), a line at the head takes along the later lines of
   * its call that fit into one message, up to the call's next non-line item; lines of other calls
   * stay where they are. Marks the result in flight until {@link #finished()}.
   *
   * @return the items, empty when the queue is
   */
  synchronized List<Item> take(Instant staleBefore, List<Item> stale, boolean coalesce) {
    while (!items.isEmpty() && items.peekFirst().since().isBefore(staleBefore)) {
      stale.add(items.pollFirst());
    }
    Item head = items.pollFirst();
    if (head == null) {
      return List.of();
    }
    inFlight = true;
    if (!coalesce || !(head instanceof Item.Line)) {
      return List.of(head);
    }
    List<Item.Line> candidates = sameCallLines((Item.Line) head);
    List<String> texts = new ArrayList<>();
    candidates.forEach(c -> texts.add(c.text()));
    int taken = MessageText.takeFitting(texts, MessageText.LIMIT);
    List<Item.Line> result = candidates.subList(0, taken);
    int removed = 1;
    for (Iterator<Item> it = items.iterator(); it.hasNext() && removed < taken; ) {
      if (it.next() == result.get(removed)) {
        it.remove();
        removed++;
      }
    }
    return List.copyOf(result);
  }

  /** The head and the queued lines of its call that follow it, as many as could fit. */
  private List<Item.Line> sameCallLines(Item.Line head) {
    List<Item.Line> lines = new ArrayList<>();
    lines.add(head);
    int total = MessageText.length(head.text());
    for (Item item : items) {
      if (total > MessageText.LIMIT) {
        break;
      }
      if (!item.call().equals(head.call())) {
        continue;
      }
      if (!(item instanceof Item.Line)) {
        break;
      }
      Item.Line line = (Item.Line) item;
      lines.add(line);
      total += 1 + MessageText.length(line.text());
    }
    return lines;
  }

  /** The taken message was delivered or given up. */
  synchronized void finished() {
    inFlight = false;
    notifyAll();
  }

  /**
   * Called by the sender when it found nothing to do.
   *
   * @return true when the queue is really empty: the sender is now idle and the next offer wakes
   *     it; false when something arrived meanwhile and the sender must go on
   */
  synchronized boolean park() {
    if (!items.isEmpty() || inFlight) {
      return false;
    }
    senderActive = false;
    notifyAll();
    return true;
  }

  /** How many items are queued, not counting those in flight. */
  synchronized int size() {
    return items.size();
  }

  /** Removes and returns everything queued. */
  synchronized List<Item> drain() {
    List<Item> all = new ArrayList<>(items);
    items.clear();
    notifyAll();
    return all;
  }

  /**
   * Waits until nothing is queued or in flight.
   *
   * @return false when {@code deadlineNanos} ({@link System#nanoTime()}) passed first
   */
  synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
    while (!items.isEmpty() || inFlight) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
