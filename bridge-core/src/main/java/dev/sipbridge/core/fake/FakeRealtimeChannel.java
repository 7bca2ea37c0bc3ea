package dev.sipbridge.core.fake;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.RealtimeChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Opens in-memory sockets at once. A test plays server events with {@link Socket#receive} and reads
 * what the bridge sent with {@link Socket#sent}. {@link #failNextOpen} makes the next open fail
 * with an HTTP status.
 */
public final class FakeRealtimeChannel implements RealtimeChannel {
  private final Map<CallId, List<Socket>> sockets = new ConcurrentHashMap<>();
  private final List<Integer> openFailures = new CopyOnWriteArrayList<>();

  /** One opened socket of a call. */
  public static final class Socket implements Connection {
    private final Listener listener;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    Socket(Listener listener) {
      this.listener = listener;
    }

    /** Delivers one server frame to the bridge, on the calling thread. */
    public synchronized void receive(String frame) {
      if (!closed) {
        listener.onText(frame);
      }
    }

    /** The server closes the socket (normal = 1000, else 1006). */
    public synchronized void drop(boolean normal) {
      if (!closed) {
        closed = true;
        listener.onClosed(normal ? 1000 : 1006, normal ? "" : "abnormal", normal);
      }
    }

    public List<String> sent() {
      return new ArrayList<>(sent);
    }

    public boolean isClosed() {
      return closed;
    }

    @Override
    public void send(String eventJson) {
      if (!closed) {
        sent.add(eventJson);
      }
    }

    @Override
    public void close() {
      drop(true);
    }
  }

  public FakeRealtimeChannel failNextOpen(int status) {
    openFailures.add(status);
    return this;
  }

  @Override
  public CompletionStage<Connection> open(CallId callId, Listener listener) {
    if (!openFailures.isEmpty()) {
      int status = openFailures.remove(0);
      return CompletableFuture.failedFuture(
          new AdapterException("fake", "socket", status, status != 404, "told to fail", null));
    }
    Socket socket = new Socket(listener);
    sockets.computeIfAbsent(callId, k -> new CopyOnWriteArrayList<>()).add(socket);
    return CompletableFuture.completedFuture(socket);
  }

  /** The newest socket opened for the call, if any. */
  public java.util.Optional<Socket> socket(CallId callId) {
    List<Socket> list = sockets.getOrDefault(callId, List.of());
    return list.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(list.get(list.size() - 1));
  }

  /** How many sockets were opened for the call (re-attaches count). */
  public int opens(CallId callId) {
    return sockets.getOrDefault(callId, List.of()).size();
  }
}
