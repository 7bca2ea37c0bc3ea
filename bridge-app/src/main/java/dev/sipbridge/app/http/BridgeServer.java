package dev.sipbridge.app.http;

import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.port.WebhookVerifier;
import io.javalin.Javalin;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** The bridge's HTTP surface (SPEC §2) on Javalin; translates HTTP, decides nothing. */
public final class BridgeServer implements AutoCloseable {
  private final Javalin app;
  private volatile String host;
  private volatile int port;
  private volatile CompletableFuture<?> answering = CompletableFuture.completedFuture(null);

  /**
   * The verifier and the lifecycle are supplied, not given: the bridge builds them (the OpenAI SDK,
   * OkHttp's trust store) on a second thread while Jetty starts on this one. A request that needs
   * them before they exist waits for them, so {@code /ready} answers 200 only once calls can be
   * taken.
   *
   * @param metrics renders {@code GET /metrics} (Prometheus text): the metrics named by the
   *     request's {@code name[]} parameters, all of them when there is none
   * @param sinks the sinks' health by name, shown in {@code /ready}'s body; it never turns {@code
   *     /ready} to 503 (a restart would not make Discord take posts sooner)
   * @param extraRoutes more routes (the Twilio voice route), or a no-op
   * @param limits what one HTTP client may do; {@code dropped} counts the clients dropped
   */
  public BridgeServer(
      Supplier<WebhookVerifier> verifier,
      Supplier<CallLifecycle> lifecycle,
      WebhookOutcomes outcomes,
      Function<Set<String>, String> metrics,
      Supplier<Map<String, Object>> sinks,
      Consumer<io.javalin.config.RoutesConfig> extraRoutes,
      HttpLimits limits,
      DroppedClients dropped) {
    WebhookHandler webhook = new WebhookHandler(verifier, lifecycle, outcomes::record);
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.http.maxRequestSize = WebhookHandler.MAX_BODY_BYTES + 1024L;
              ServerGuards.install(cfg, limits, dropped, () -> host, () -> port);
              cfg.routes.before(ctx -> answering.get());
              cfg.routes.post("/openai/webhook", webhook::handle);
              cfg.routes.get(
                  "/health",
                  ctx ->
                      ctx.contentType("application/json")
                          .result(
                              Json.object(
                                  "status", "ok", "activeCalls", lifecycle.get().activeCalls())));
              cfg.routes.get(
                  "/ready",
                  ctx -> {
                    boolean ready = lifecycle.get().isAccepting();
                    ctx.status(ready ? 200 : 503)
                        .contentType("application/json")
                        .result(
                            Json.object(
                                "status", ready ? "ready" : "draining", "sinks", sinks.get()));
                  });
              cfg.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4")
                          .result(metrics.apply(Set.copyOf(ctx.queryParams("name[]")))));
              extraRoutes.accept(cfg.routes);
            });
  }

  /** Counts webhook deliveries by outcome. */
  public interface WebhookOutcomes {
    void record(String outcome);
  }

  /** Counts HTTP clients dropped for breaking {@link HttpLimits}, by reason (a metric). */
  public interface DroppedClients {
    void dropped(String reason);
  }

  /** The server could not listen on its port (in use, or not allowed). */
  public static final class PortUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortUnavailable(int port, String why) {
      super("cannot listen on port " + port + ": " + why);
    }
  }

  /**
   * Starts listening; {@code port} 0 picks a free one.
   *
   * @throws PortUnavailable when the port cannot be bound
   */
  public BridgeServer start(String host, int port) {
    return start(host, port, CompletableFuture.completedFuture(null));
  }

  /**
   * Starts listening now, but answers requests only once {@code answerWhen} completed: those that
   * arrive before wait for it (the service's start-up warm-up, so that {@code /ready}, {@code
   * /health} and the first webhook are answered by warm code, while a port in use still fails at
   * once).
   *
   * @param answerWhen must complete, normally or not, within a bounded time
   * @throws PortUnavailable when the port cannot be bound
   */
  public BridgeServer start(String host, int port, CompletableFuture<?> answerWhen) {
    this.host = host;
    this.port = port;
    this.answering = answerWhen.handle((ignored, failure) -> null);
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
