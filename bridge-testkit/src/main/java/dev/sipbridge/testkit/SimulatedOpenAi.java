package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An in-process stand-in for OpenAI's Realtime Calls API (reference §2, §3, §7.8) on 127.0.0.1: the
 * four call-control POSTs and the call's realtime socket, on which it plays a {@link
 * ConversationScript}. Scripts run on one shared scheduler, so thousands of concurrent calls cost
 * no thread each. Thread-safe.
 *
 * <p>Like the platform: every request needs {@code Authorization: Bearer <non-empty>} (else 401);
 * {@code accept} needs {@code "type":"realtime"} and {@code refer} a {@code target_uri} (else 400);
 * {@code hangup}, {@code refer} and {@code reject} end the call, closing its socket with 1000; an
 * ended call answers 404 to every request and to a new socket. Success is 200 with an empty body.
 */
public final class SimulatedOpenAi implements AutoCloseable {

  /**
   * One HTTP request the simulator received.
   *
   * @param path the request path; for the socket handshake it includes the query
   * @param headers header names in lower case
   * @param body the body as UTF-8 text; empty for none
   */
  public record Recorded(String method, String path, Map<String, String> headers, String body) {
    public Recorded {
      headers = Collections.unmodifiableMap(new TreeMap<>(headers));
    }
  }

  private static final List<String> ACTIONS = List.of("accept", "reject", "refer", "hangup");

  /** {@link #failNext} may also fail the realtime socket's handshake. */
  private static final String SOCKET = "socket";

  private final Function<String, ConversationScript> scripts;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Map<String, SimulatedCall> calls = new ConcurrentHashMap<>();
  private final Set<String> announced = ConcurrentHashMap.newKeySet();
  private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();
  private final AtomicLong playerIds = new AtomicLong();
  private volatile boolean announcedCallsOnly;
  private final Javalin app;

  private SimulatedOpenAi(Function<String, ConversationScript> scripts) {
    this.scripts = scripts;
    int threads = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              Thread t = new Thread(r, "sim-openai-scheduler");
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true); // cancelled bridge timeouts must not pile up
    this.app = SimServer.start(this::routes);
  }

  /** Starts a simulator that plays {@code script} on every call. Blocks until it listens. */
  public static SimulatedOpenAi start(ConversationScript script) {
    return start(callId -> script);
  }

  /** Starts a simulator that plays {@code scriptForCall.apply(callId)} on each call. */
  public static SimulatedOpenAi start(Function<String, ConversationScript> scriptForCall) {
    return new SimulatedOpenAi(scriptForCall);
  }

  /** {@code http://127.0.0.1:<port>/v1}: the value for {@code OPENAI_BASE_URL}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + app.port() + "/v1");
  }

  /** Every request received so far (REST calls and socket handshakes), in arrival order. */
  public List<Recorded> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The call with this id, created on first use (so tests may fetch it before the bridge). */
  public SimulatedCall call(String callId) {
    return calls.computeIfAbsent(callId, SimulatedCall::new);
  }

  /** Every call seen or fetched so far. */
  public Collection<SimulatedCall> calls() {
    return List.copyOf(calls.values());
  }

  /** The next {@code times} accepts answer {@code status} with an OpenAI error body. */
  public void failAccept(int status, int times) {
    failNext("accept", status, times);
  }

  /**
   * The next {@code times} requests of {@code action} ({@code accept}, {@code reject}, {@code
   * refer} or {@code hangup}) answer {@code status} with an OpenAI error body; {@code socket} makes
   * the next {@code times} socket handshakes answer {@code status} instead of upgrading.
   */
  public void failNext(String action, int status, int times) {
    if (!ACTIONS.contains(action) && !action.equals(SOCKET)) {
      throw new IllegalArgumentException(
          "action must be one of " + ACTIONS + " or " + SOCKET + ", was: " + action);
    }
    failures.put(action, new Failure(status, new AtomicInteger(times)));
  }

  /** Makes {@code callId} known; see {@link #announcedCallsOnly()}. */
  public void announce(String callId) {
    announced.add(callId);
  }

  /** From now on, call ids never {@linkplain #announce announced} get 404, like the platform. */
  public void announcedCallsOnly() {
    announcedCallsOnly = true;
  }

  /** Stops the server (open sockets drop) and the scheduler. */
  @Override
  public void close() {
    app.stop();
    scheduler.shutdownNow();
  }

  private void routes(JavalinConfig config) {
    for (String action : ACTIONS) {
      config.routes.post("/v1/realtime/calls/{call_id}/" + action, ctx -> handle(ctx, action));
    }
    config.routes.wsBeforeUpgrade("/v1/realtime", this::handshake);
    config.routes.ws(
        "/v1/realtime",
        ws -> {
          ws.onConnect(ctx -> callOf(ctx).connected(ctx, () -> newPlayer(ctx)));
          ws.onMessage(ctx -> callOf(ctx).received(ctx.message()));
          ws.onClose(ctx -> callOf(ctx).disconnected(ctx, ctx.status()));
          ws.onError(ctx -> {}); // a close always follows; nothing to add
        });
  }

  private void handle(Context ctx, String action) {
    long arrived = System.nanoTime();
    record(ctx, ctx.path(), ctx.body());
    String callId = ctx.pathParam("call_id");
    if (!hasBearer(ctx.header("Authorization"))) {
      error(ctx, 401, "Missing bearer authentication in header", "invalid_request_error", null);
      return;
    }
    Failure failure = failures.get(action);
    if (failure != null && failure.remaining.getAndDecrement() > 0) {
      error(
          ctx,
          failure.status,
          "Simulated failure of " + action,
          typeOf(failure.status),
          codeOf(failure.status));
      return;
    }
    SimulatedCall existing = calls.get(callId);
    if (isUnknown(callId) || (existing != null && existing.isEnded())) {
      error(ctx, 404, "Call " + callId + " not found", "invalid_request_error", "not_found");
      return;
    }
    String missing = missingParameter(action, ctx.body());
    if (missing != null) {
      error(
          ctx,
          400,
          "Missing required parameter: '" + missing + "'.",
          "invalid_request_error",
          "missing_required_parameter");
      return;
    }
    if (action.equals("accept")) {
      call(callId).acceptRequested(arrived);
      call(callId).markAccepted();
    } else {
      call(callId).endedByPlatform(action.equals("hangup"));
    }
    ctx.status(200);
  }

  /** The required body field the request lacks (reference §2, §7.8); null when complete. */
  private static String missingParameter(String action, String rawBody) {
    JsonNode body = SimJson.parseObject(rawBody).orElse(SimJson.object());
    if (action.equals("accept") && !body.path("type").asText("").equals("realtime")) {
      return "type";
    }
    if (action.equals("refer") && !body.path("target_uri").isTextual()) {
      return "target_uri";
    }
    return null;
  }

  private void handshake(Context ctx) {
    String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
    record(ctx, ctx.path() + query, "");
    if (!hasBearer(ctx.header("Authorization"))) {
      throw new UnauthorizedResponse("Missing bearer authentication in header");
    }
    Failure failure = failures.get(SOCKET);
    if (failure != null && failure.remaining.getAndDecrement() > 0) {
      throw new HttpResponseException(failure.status, "Simulated failure of the socket");
    }
    String callId = ctx.queryParam("call_id");
    if (callId == null || callId.isBlank()) {
      throw new BadRequestResponse("Missing call_id");
    }
    SimulatedCall existing = calls.get(callId);
    if (isUnknown(callId) || (existing != null && existing.isEnded())) {
      throw new NotFoundResponse("Call " + callId + " not found");
    }
  }

  private SimulatedCall callOf(WsContext ctx) {
    return call(ctx.queryParam("call_id"));
  }

  private ScriptPlayer newPlayer(WsContext ctx) {
    String callId = ctx.queryParam("call_id");
    String prefix = Long.toString(playerIds.incrementAndGet(), 36) + "x";
    return new ScriptPlayer(call(callId), scripts.apply(callId), scheduler, prefix);
  }

  private boolean isUnknown(String callId) {
    return announcedCallsOnly && !announced.contains(callId);
  }

  private void record(Context ctx, String path, String body) {
    Map<String, String> headers = new TreeMap<>();
    ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    requests.add(new Recorded(ctx.method().name(), path, headers, body));
  }

  private static boolean hasBearer(String authorization) {
    return authorization != null
        && authorization.startsWith("Bearer ")
        && !authorization.substring(7).isBlank();
  }

  private static void error(Context ctx, int status, String message, String type, String code) {
    ObjectNode root = SimJson.object();
    root.putObject("error")
        .put("message", message)
        .put("type", type)
        .putNull("param")
        .put("code", code);
    ctx.status(status).contentType("application/json").result(root.toString());
  }

  private static String typeOf(int status) {
    if (status == 429) {
      return "rate_limit_exceeded";
    }
    return status >= 500 ? "server_error" : "invalid_request_error";
  }

  private static String codeOf(int status) {
    switch (status) {
      case 401:
        return "invalid_api_key";
      case 404:
        return "not_found";
      case 429:
        return "rate_limit_exceeded";
      default:
        return null;
    }
  }

  private record Failure(int status, AtomicInteger remaining) {}
}
