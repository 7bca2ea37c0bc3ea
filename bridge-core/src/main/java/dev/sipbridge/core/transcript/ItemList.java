package dev.sipbridge.core.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversation's items as a doubly linked list (O(1) insert after any item and unlink), with
 * the key presses filed between them.
 */
final class ItemList {
  private final List<TranscriptLine> leadingKeys = new ArrayList<>(0);
  private Utterance head;
  private Utterance tail;

  Utterance head() {
    return head;
  }

  Utterance tail() {
    return tail;
  }

  /** Puts {@code u} right after {@code p}; {@code p == null} only when the list is empty. */
  void insertAfter(Utterance p, Utterance u) {
    u.prev = p;
    u.next = p == null ? head : p.next;
    if (p == null) {
      head = u;
    } else {
      p.next = u;
    }
    if (u.next == null) {
      tail = u;
    } else {
      u.next.prev = u;
    }
    u.linked = true;
  }

  /** Takes {@code u} out; key presses filed after it move to the item before it. */
  void unlink(Utterance u) {
    if (u.keysAfter != null) {
      keysAfter(u.prev).addAll(u.keysAfter);
    }
    if (u.prev == null) {
      head = u.next;
    } else {
      u.prev.next = u.next;
    }
    if (u.next == null) {
      tail = u.prev;
    } else {
      u.next.prev = u.prev;
    }
    u.linked = false;
  }

  /** Files a key press after the current last item. */
  void addKey(TranscriptLine key) {
    keysAfter(tail).add(key);
  }

  /** Every emitted line in list order, key presses after the item they followed; a copy. */
  List<TranscriptLine> lines() {
    List<TranscriptLine> out = new ArrayList<>(leadingKeys);
    for (Utterance u = head; u != null; u = u.next) {
      if (u.line != null) {
        out.add(u.line);
      }
      if (u.keysAfter != null) {
        out.addAll(u.keysAfter);
      }
    }
    return List.copyOf(out);
  }

  private List<TranscriptLine> keysAfter(Utterance u) {
    if (u == null) {
      return leadingKeys;
    }
    if (u.keysAfter == null) {
      u.keysAfter = new ArrayList<>(2);
    }
    return u.keysAfter;
  }
}
