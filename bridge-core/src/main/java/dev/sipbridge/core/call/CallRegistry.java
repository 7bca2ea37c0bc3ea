package dev.sipbridge.core.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The calls the bridge is handling now, bounded by a capacity. Thread-safe. */
public final class CallRegistry {
  /** What {@link #register} did. */
  public enum Registration {
    REGISTERED,
    /** The call id is already being handled. */
    DUPLICATE,
    /** The bridge is at capacity. */
    FULL
  }

  private final ConcurrentHashMap<CallId, Call> calls = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;

  public CallRegistry(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Adds the call unless its id is known or the registry is full. */
  public Registration register(Call call) {
    if (calls.containsKey(call.id())) {
      return Registration.DUPLICATE;
    }
    // Reserve a slot only below capacity, so size() never reads above it, even for a moment.
    int now;
    do {
      now = size.get();
      if (now >= capacity) {
        return Registration.FULL;
      }
    } while (!size.compareAndSet(now, now + 1));
    if (calls.putIfAbsent(call.id(), call) != null) {
      size.decrementAndGet();
      return Registration.DUPLICATE;
    }
    return Registration.REGISTERED;
  }

  public Optional<Call> find(CallId id) {
    return Optional.ofNullable(calls.get(id));
  }

  /** Forgets the call; harmless when it is not there. */
  public void remove(CallId id) {
    if (calls.remove(id) != null) {
      size.decrementAndGet();
    }
  }

  /** How many calls are registered (incoming, accepted or live). */
  public int size() {
    return size.get();
  }

  public int capacity() {
    return capacity;
  }

  /** A snapshot of the registered calls. */
  public List<Call> calls() {
    return new ArrayList<>(calls.values());
  }
}
