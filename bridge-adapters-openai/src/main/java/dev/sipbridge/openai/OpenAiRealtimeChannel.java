package dev.sipbridge.openai;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.RealtimeChannel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * {@link RealtimeChannel} over the JDK's {@link java.net.http.WebSocket}: {@code GET {baseUrl as
 * ws/wss}/realtime?call_id={id}} with {@code Authorization: Bearer {key}} and no {@code
 * OpenAI-Beta} header.
 *
 * <p>Why the JDK socket: it is non-blocking (NIO; no thread per socket), which the bridge needs for
 * thousands of concurrent calls. OkHttp's WebSocket keeps a blocking reader thread per socket, and
 * the SDK's {@code RealtimeConnection} fails the whole connection on one malformed or unknown
 * frame, rejects concurrent sends and cannot re-attach by {@code call_id}.
 *
 * <p>All sockets share one {@link HttpClient} (one selector thread). Listener callbacks run on that
 * client's executor: the app should build it with a small shared executor; the default client's
 * executor is a cached pool that grows with load. Each socket buffers at most one incoming message;
 * text messages over 1 Mi chars and binary frames are dropped and logged. A socket silent for 15 s
 * is pinged; when nothing at all comes back by the next 15 s tick it is aborted and reported as an
 * abnormal close (1006).
 */
public final class OpenAiRealtimeChannel implements RealtimeChannel {
  private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);

  private final OpenAiSettings settings;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final Duration closeTimeout;
  private final Duration pingInterval;

  /** Uses a new {@link HttpClient} with the JDK's default executor, and its own timer thread. */
  public OpenAiRealtimeChannel(OpenAiSettings settings) {
    this(settings, HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build());
  }

  /** Uses {@code http} for every socket (shared, never closed here) and its own timer thread. */
  public OpenAiRealtimeChannel(OpenAiSettings settings, HttpClient http) {
    this(settings, http, OwnTimer.INSTANCE);
  }

  /**
   * @param http used for every socket; shared, never closed here
   * @param timer runs the keep-alive ticks and close timeouts; its tasks never block
   */
  public OpenAiRealtimeChannel(
      OpenAiSettings settings, HttpClient http, ScheduledExecutorService timer) {
    this(settings, http, timer, DEFAULT_CLOSE_TIMEOUT, DEFAULT_PING_INTERVAL);
  }

  /**
   * @param closeTimeout how long {@code close()} waits for the server's close before aborting
   * @param pingInterval silence after which a ping goes out; no frame or pong within another
   *     interval and the socket counts as dead
   */
  OpenAiRealtimeChannel(
      OpenAiSettings settings,
      HttpClient http,
      ScheduledExecutorService timer,
      Duration closeTimeout,
      Duration pingInterval) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
    this.pingInterval = Objects.requireNonNull(pingInterval, "pingInterval");
  }

  /** One daemon timer thread for channels built without the application's timer. */
  private static final class OwnTimer {
    static final ScheduledExecutorService INSTANCE = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread t = new Thread(task, "openai-socket-timer");
                t.setDaemon(true);
                return t;
              });
      timer.setRemoveOnCancelPolicy(true);
      return timer;
    }
  }

  /**
   * The JDK gives every WebSocket three 16 KiB heap buffers (socket reads, frame writes, text
   * encoding) for as long as it is open: 48 KiB per live call, most of the bridge's per-call
   * memory. Realtime events are a few hundred bytes to a few KiB and the bridge sends little
   * (response.create, tool outputs); a bigger message simply takes several reads or writes. So: 2
   * KiB for reads, 1 KiB each for writes and encoding (docs/performance.md). They hold for every
   * JDK {@code HttpClient} in the process (the bridge uses it for these sockets only); an
   * operator's own {@code -D} setting wins. The JDK reads them once, when its HTTP classes
   * initialise: call this before the first {@code HttpClient} is built.
   */
  public static void useSmallSocketBuffers() {
    Map<String, String> sizes =
        Map.of(
            "jdk.httpclient.bufsize", "2048",
            "jdk.httpclient.websocket.writeBufferSize", "1024",
            "jdk.httpclient.websocket.intermediateBufferSize", "1024");
    sizes.forEach(
        (property, size) -> {
          if (System.getProperty(property) == null) {
            System.setProperty(property, size);
          }
        });
  }

  /**
   * Starts the handshake and returns at once. The stage fails with an {@link AdapterException}:
   * status 404 when the call is gone, the HTTP status of any other refused handshake, 0 (retryable)
   * for timeouts and network errors. Frames reach {@code listener} only after the stage completed.
   */
  @Override
  public CompletionStage<Connection> open(CallId callId, Listener listener) {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(listener, "listener");
    URI uri = settings.realtimeUri(callId.value());
    RealtimeSocket socket =
        new RealtimeSocket(
            callId.value(), listener, closeTimeout, pingInterval, settings.apiKey(), timer);
    CompletableFuture<Connection> result = new CompletableFuture<>();
    try {
      http.newWebSocketBuilder()
          .header("Authorization", "Bearer " + settings.apiKey())
          .connectTimeout(settings.connectTimeout())
          .buildAsync(uri, socket)
          .whenComplete(
              (ws, error) -> {
                if (error != null) {
                  result.completeExceptionally(handshakeFailure(error));
                } else {
                  socket.attach(ws);
                  result.complete(socket); // dependents run first, then frames may flow
                  socket.startReading();
                }
              });
    } catch (RuntimeException e) {
      result.completeExceptionally(handshakeFailure(e));
    }
    return result;
  }

  private AdapterException handshakeFailure(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    String key = settings.apiKey();
    if (e instanceof WebSocketHandshakeException) {
      int status = ((WebSocketHandshakeException) e).getResponse().statusCode();
      return new AdapterException(
          SdkErrors.VENDOR,
          "socket",
          status,
          SdkErrors.retryableStatus(status),
          "handshake refused with HTTP " + status,
          null);
    }
    boolean retryable = e instanceof IOException; // includes HttpTimeoutException
    String kind =
        e instanceof HttpTimeoutException ? "handshake timed out: " : "handshake failed: ";
    return new AdapterException(
        SdkErrors.VENDOR, "socket", 0, retryable, kind + SdkErrors.describe(e, key), null);
  }
}
