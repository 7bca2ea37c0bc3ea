package dev.sipbridge.core.transcript;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conversation's items in order, and the watermark that decides when their lines go out.
 *
 * <p>The list is doubly linked ({@link ItemList}) with an id index, so inserting after {@code
 * previous_item_id}, deleting and advancing the watermark are O(1). The watermark is the prefix of
 * items already walked ({@code head .. frontier}); the item after it (the cursor) is the first one
 * not yet settled and blocks everything behind it. A completed line held behind the cursor waits at
 * most {@code orderWait}; then the watermark is forced past the unfinished items before it, and
 * those emit on their own when (if ever) they complete.
 */
final class Conversation {
  /** Emits the line of a completed utterance and stores it in {@code u.line}. */
  interface Writer {
    void write(Utterance u, String text);
  }

  private final Map<String, Utterance> byId = new LinkedHashMap<>();
  private final Set<String> deleted = new HashSet<>();

  /** Completed lines waiting behind the cursor, in completion (so deadline) order. */
  private final ArrayDeque<Utterance> held = new ArrayDeque<>();

  private final ItemList items = new ItemList();
  private final Clock clock;
  private final Duration orderWait;
  private final Writer writer;
  private Utterance frontier;
  private boolean callerTextExpected = true;

  Conversation(Clock clock, Duration orderWait, Writer writer) {
    this.clock = clock;
    this.orderWait = orderWait;
    this.writer = writer;
  }

  /** The item with this id, linked or only known from transcript events; null if unknown. */
  Utterance find(String id) {
    return byId.get(id);
  }

  /** The item, created unlinked if unknown; null if it was deleted. */
  Utterance findOrCreate(String id, Utterance.Role role) {
    if (deleted.contains(id)) {
      return null;
    }
    return byId.computeIfAbsent(id, k -> new Utterance(k, role));
  }

  /**
   * The still open item an event is about, created unlinked if unknown; null if it is deleted,
   * complete, or has another role (such events are ignored).
   */
  Utterance open(String id, Utterance.Role role) {
    Utterance u = findOrCreate(id, role);
    return u == null || u.role != role || u.done ? null : u;
  }

  /** An item took its place in the conversation; repeats are ignored. */
  void add(String id, String previousId, Utterance.Role role) {
    if (deleted.contains(id)) {
      return;
    }
    Utterance u = byId.get(id);
    if (u == null) {
      u = new Utterance(id, role);
      byId.put(id, u);
    } else if (u.linked) {
      return;
    }
    link(u, previousId);
    settle(u);
  }

  /** Marks {@code u} complete (its text is final) and emits what the watermark allows. */
  void complete(Utterance u) {
    if (u.done || u.removed) {
      return;
    }
    u.done = true;
    if (!u.linked) {
      link(u, null); // never announced: it goes at the end
    }
    settle(u);
  }

  /** Drops a pending item; an item whose line already went out stays in the transcript. */
  void delete(String id) {
    Utterance u = byId.get(id);
    if (u == null || u.line != null) {
      return;
    }
    deleted.add(id);
    byId.remove(id);
    u.removed = true;
    if (!u.linked) {
      return;
    }
    if (u == frontier) {
      frontier = u.prev;
    }
    items.unlink(u);
    drain();
  }

  /** Caller items will (not) get text: without transcription they must not hold lines up. */
  void callerTextExpected(boolean expected) {
    if (callerTextExpected != expected) {
      callerTextExpected = expected;
      drain();
    }
  }

  /** Files a key-press line after the conversation's current last item. */
  void keypress(TranscriptLine key) {
    items.addKey(key);
  }

  /** When the oldest held line must go out, or null when nothing is held. */
  Instant nextDeadline() {
    Utterance h = heldHead();
    return h == null ? null : h.readyAt.plus(orderWait);
  }

  /** Releases every held line whose wait has run out by {@code now}. */
  void release() {
    Instant now = clock.instant();
    for (Utterance h = heldHead(); h != null; h = heldHead()) {
      if (h.readyAt.plus(orderWait).isAfter(now)) {
        return;
      }
      held.removeFirst();
      for (Utterance c = cursor(); c != null; c = cursor()) {
        visit(c);
        if (c == h) {
          break;
        }
      }
      drain();
    }
  }

  /** Emits, in conversation order, every line not yet out that has text. */
  void flush() {
    for (Utterance u : byId.values()) {
      if (!u.linked && !u.text().isEmpty()) {
        link(u, null);
      }
    }
    for (Utterance u = items.head(); u != null; u = u.next) {
      u.visited = true;
      emitIfText(u);
    }
    frontier = items.tail();
    held.clear();
  }

  /** Every emitted line, in conversation order, key presses after the item they followed. */
  List<TranscriptLine> lines() {
    return items.lines();
  }

  private void link(Utterance u, String previousId) {
    Utterance p = previousId == null ? null : byId.get(previousId);
    if (p == null || !p.linked) {
      p = items.tail(); // null or unknown previous: append (first if the list is empty)
    }
    items.insertAfter(p, u);
    // Landing inside the walked prefix (an item inserted into the past) means it is never
    // waited for: it emits as soon as it completes.
    u.visited = p != null && p.visited && p != frontier;
  }

  /** Emits or holds {@code u} after it was placed or completed. */
  private void settle(Utterance u) {
    if (u.visited) {
      if (u.done) {
        emitIfText(u); // passed over earlier: out of live order, but never lost
      }
    } else if (u == cursor()) {
      drain();
    } else if (u.done && !u.text().isEmpty()) {
      u.readyAt = clock.instant();
      held.addLast(u);
    }
  }

  private Utterance cursor() {
    return frontier == null ? items.head() : frontier.next;
  }

  private boolean settled(Utterance u) {
    return u.done
        || u.role == Utterance.Role.NONE
        || (u.role == Utterance.Role.CALLER && !callerTextExpected);
  }

  private void drain() {
    for (Utterance c = cursor(); c != null && settled(c); c = cursor()) {
      visit(c);
    }
  }

  private void visit(Utterance c) {
    c.visited = true;
    frontier = c;
    if (c.done) {
      emitIfText(c);
    }
  }

  private void emitIfText(Utterance u) {
    if (u.emitted) {
      return;
    }
    String text = u.text();
    if (u.done || !text.isEmpty()) {
      u.emitted = true;
    }
    if (!text.isEmpty()) {
      writer.write(u, text);
    }
  }

  private Utterance heldHead() {
    while (!held.isEmpty() && (held.peekFirst().visited || held.peekFirst().removed)) {
      held.removeFirst();
    }
    return held.peekFirst();
  }
}
