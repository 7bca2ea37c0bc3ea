package dev.sipbridge.core.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded set of recently seen ids; the oldest are forgotten first. Thread-safe. */
final class RecentIds {
  private final Map<String, Boolean> ids;

  RecentIds(int capacity) {
    this.ids =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized boolean contains(String id) {
    return ids.containsKey(id);
  }

  synchronized void add(String id) {
    ids.put(id, Boolean.TRUE);
  }
}
