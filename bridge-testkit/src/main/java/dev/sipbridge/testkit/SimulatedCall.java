package dev.sipbridge.testkit;

import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One call as {@link SimulatedOpenAi} sees it: the realtime socket(s) the bridge opened for it, the
 * frames the bridge sent, the tool outputs it returned, and controls to end or break the socket.
 * Thread-safe; accessors return snapshots.
 */
public final class SimulatedCall {
  /**
   * The moment the simulator sent the event that completes one transcript line.
   *
   * @param line the line as {@link ConversationScript#expectedLines()} renders it
   * @param nanoTime {@link System#nanoTime()} right after the event went to the socket
   */
  public record LineCompletion(String line, long nanoTime) {}

  private final String id;
  private final List<String> frames = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> toolOutputs =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<String> toolCallIds = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong framesSent = new AtomicLong();
  private final List<LineCompletion> lineCompletions = new CopyOnWriteArrayList<>();
  private volatile long acceptRequestNanos;
  private final Object sendLock = new Object();
  private volatile WsContext socket;
  private volatile ScriptPlayer player;
  private volatile boolean accepted;
  private volatile boolean hangupRequested;
  private volatile boolean ended;
  private volatile boolean scriptFinished;
  private volatile String failure;

  SimulatedCall(String id) {
    this.id = id;
  }

  /** OpenAI's call id ({@code rtc_...}). */
  public String id() {
    return id;
  }

  /** Every text frame the bridge sent on this call's sockets, in arrival order. */
  public List<String> framesReceived() {
    synchronized (frames) {
      return List.copyOf(frames);
    }
  }

  /** The frames the bridge sent whose {@code type} is {@code type}. */
  public List<String> framesReceived(String type) {
    return framesReceived().stream()
        .filter(
            f -> SimJson.parseObject(f).map(j -> j.path("type").asText("")).orElse("").equals(type))
        .toList();
  }

  /** Whether a socket of this call is open right now. */
  public boolean isOpen() {
    WsContext s = socket;
    return s != null && s.session.isOpen();
  }

  /** How many sockets the bridge has opened for this call (more than one after a re-attach). */
  public int connections() {
    return connections.get();
  }

  /**
   * Completes with the close status code when the call's socket closed for good: closed by the
   * script, by {@link #closeNormally()}, by {@code /hangup}, or by the bridge. {@link #drop()} does
   * not complete it (the bridge may re-attach).
   */
  public CompletableFuture<Integer> closed() {
    return closed;
  }

  /**
   * Blocks until {@link #closed()} completes, at most {@code timeout}.
   *
   * @return the close status code
   * @throws IllegalStateException if the call is still open after {@code timeout}
   */
  public int awaitEnd(Duration timeout) {
    try {
      return closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("call " + id + " still open after " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for call " + id, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("call " + id + " failed", e.getCause());
    }
  }

  /** Closes the socket with 1000 (the caller hung up). Returns at once; no-op when closed. */
  public void closeNormally() {
    close(1000, "caller hung up");
  }

  /**
   * Closes the socket with {@code code} and {@code reason} (e.g. 1011 for a platform error).
   * Returns at once; no-op when closed.
   */
  public void close(int code, String reason) {
    WsContext s = socket;
    if (s != null) {
      s.closeSession(code, reason);
    }
  }

  /**
   * Drops the socket without a close frame, like a network failure; the call stays live, so the
   * bridge may re-attach and the script resumes where it was.
   */
  public void drop() {
    WsContext s = socket;
    socket = null;
    if (s != null) {
      s.session.disconnect();
    }
  }

  /** Sends {@code eventJson} to the bridge as-is (any text, even malformed). No-op when closed. */
  public void send(String eventJson) {
    emit(eventJson);
  }

  /** The {@code call_id}s of the function calls the script made, in order. */
  public List<String> toolCallIds() {
    return List.copyOf(toolCallIds);
  }

  /** The {@code function_call_output} texts the bridge sent, by {@code call_id}, in order. */
  public Map<String, String> toolOutputs() {
    synchronized (toolOutputs) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(toolOutputs));
    }
  }

  /** How many server events the simulator sent to the bridge on this call's sockets. */
  public long framesSent() {
    return framesSent.get();
  }

  /** When each line's completing event was sent, in sending order (for latency benchmarks). */
  public List<LineCompletion> lineCompletions() {
    return List.copyOf(lineCompletions);
  }

  /**
   * {@link System#nanoTime()} when the first {@code /accept} request for this call arrived, before
   * it was answered; 0 when none came yet.
   */
  public long acceptRequestNanos() {
    return acceptRequestNanos;
  }

  /** Whether the bridge's {@code /accept} of this call succeeded. */
  public boolean accepted() {
    return accepted;
  }

  /** Whether the bridge asked for {@code /hangup} of this call. */
  public boolean hangupRequested() {
    return hangupRequested;
  }

  /** Whether every step of the script has played. */
  public boolean scriptFinished() {
    return scriptFinished;
  }

  /** Sends {@code data} as a binary frame (the platform sends none; a client must cope). */
  public void sendBinary(byte[] data) {
    WsContext s = socket;
    if (s != null) {
      synchronized (sendLock) {
        s.send(ByteBuffer.wrap(data.clone()));
      }
    }
  }

  /** Why the script gave up on the bridge (greeting, tool output or hangup never came). */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  // ---- package-private: driven by SimulatedOpenAi and ScriptPlayer ----

  boolean isEnded() {
    return ended;
  }

  void connected(WsContext ctx, Supplier<ScriptPlayer> newPlayer) {
    ScriptPlayer p;
    synchronized (this) {
      socket = ctx;
      connections.incrementAndGet();
      if (player == null) {
        player = newPlayer.get();
      }
      p = player;
    }
    p.wake();
  }

  void received(String frame) {
    frames.add(frame);
    ScriptPlayer p = player;
    if (p != null) {
      p.onFrame(frame);
    }
  }

  void disconnected(WsContext ctx, int status) {
    WsContext s = socket;
    if (s == null || s.session != ctx.session) {
      return; // a dropped socket: the call goes on
    }
    socket = null;
    end(status);
  }

  /** {@code /hangup}, {@code /refer} or {@code /reject}: the platform ends the call. */
  void endedByPlatform(boolean hangup) {
    if (hangup) {
      hangupRequested = true;
    }
    ScriptPlayer p = player;
    if (p != null && hangup) {
      p.onHangup();
    }
    ended = true;
    WsContext s = socket;
    if (s != null) {
      s.closeSession(1000, "call ended");
    } else {
      end(1000);
    }
  }

  void emit(String json) {
    emit(json, null);
  }

  /** Sends {@code json}; when it completes transcript line {@code line}, records when. */
  void emit(String json, String line) {
    WsContext s = socket;
    if (s != null) {
      synchronized (sendLock) {
        s.send(json);
      }
      framesSent.incrementAndGet();
      if (line != null) {
        lineCompletions.add(new LineCompletion(line, System.nanoTime()));
      }
    }
  }

  void acceptRequested(long nanoTime) {
    if (acceptRequestNanos == 0) {
      acceptRequestNanos = nanoTime;
    }
  }

  void markAccepted() {
    accepted = true;
  }

  void recordToolCall(String callId) {
    toolCallIds.add(callId);
  }

  void recordToolOutput(String callId, String output) {
    toolOutputs.put(callId, output);
  }

  void markScriptFinished() {
    scriptFinished = true;
  }

  void failByBridge(String reason) {
    failure = reason;
  }

  private void end(int status) {
    ended = true;
    ScriptPlayer p = player;
    if (p != null) {
      p.stop();
    }
    closed.complete(status);
  }
}
