package dev.sipbridge.core.contract;

import dev.sipbridge.core.port.RealtimeChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what a socket delivered, and whether two callbacks ever overlapped; for the contract and
 * adapters' own channel tests.
 */
public final class RecordingListener implements RealtimeChannel.Listener {
  /** One {@code onClosed}. */
  public record Closed(int code, String reason, boolean normal) {}

  public final List<String> texts = new CopyOnWriteArrayList<>();
  public final List<Closed> closes = new CopyOnWriteArrayList<>();

  /** The most callbacks that were running at once: 1 when the adapter keeps its promise. */
  public final AtomicInteger maxConcurrent = new AtomicInteger();

  private final AtomicInteger inside = new AtomicInteger();

  @Override
  public void onText(String frame) {
    enter();
    try {
      texts.add(frame);
    } finally {
      inside.decrementAndGet();
    }
  }

  @Override
  public void onClosed(int code, String reason, boolean normal) {
    enter();
    try {
      closes.add(new Closed(code, reason, normal));
    } finally {
      inside.decrementAndGet();
    }
  }

  private void enter() {
    int now = inside.incrementAndGet();
    maxConcurrent.accumulateAndGet(now, Math::max);
  }
}
