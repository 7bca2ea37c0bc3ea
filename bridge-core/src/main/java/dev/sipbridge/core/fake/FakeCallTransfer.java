package dev.sipbridge.core.fake;

import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallTransfer;
import dev.sipbridge.core.port.ConferenceParticipant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records the participants it was asked to add; can be told to fail. Thread-safe. */
public final class FakeCallTransfer implements CallTransfer {
  private final List<ConferenceParticipant> added = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Integer> failures = new ConcurrentLinkedDeque<>();
  private final AtomicInteger sids = new AtomicInteger();

  /** The next request fails with HTTP {@code status} (0 = no answer). */
  public FakeCallTransfer failNext(int status) {
    failures.add(status);
    return this;
  }

  public List<ConferenceParticipant> added() {
    return new ArrayList<>(added);
  }

  @Override
  public String addParticipant(ConferenceParticipant participant) {
    added.add(participant);
    Integer status = failures.poll();
    if (status != null) {
      throw new AdapterException("fake", "add participant", status, false, "told to fail", null);
    }
    return String.format("CA%032d", sids.incrementAndGet());
  }
}
