package dev.sipbridge.core.contract;

import dev.sipbridge.core.port.RealtimeChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Records one connection's frames and closes, and whether two threads ever entered it at once. */
final class RecordingListener implements RealtimeChannel.Listener {
  private final List<String> frames = new CopyOnWriteArrayList<>();
  private final List<Close> closes = new CopyOnWriteArrayList<>();
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicBoolean overlapped = new AtomicBoolean();

  @Override
  public void onText(String frame) {
    enter();
    try {
      frames.add(frame);
    } finally {
      inside.decrementAndGet();
    }
  }

  @Override
  public void onClosed(int code, String reason, boolean normal) {
    enter();
    try {
      closes.add(new Close(code, normal));
    } finally {
      inside.decrementAndGet();
    }
  }

  List<String> frames() {
    return List.copyOf(frames);
  }

  List<Close> closes() {
    return List.copyOf(closes);
  }

  boolean overlapped() {
    return overlapped.get();
  }

  private void enter() {
    if (inside.incrementAndGet() > 1) {
      overlapped.set(true);
    }
  }
}
