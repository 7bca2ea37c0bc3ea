package dev.sipbridge.app.http;

import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.port.WebhookVerifier;
import io.javalin.Javalin;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** The bridge's HTTP surface (SPEC §2) on Javalin; translates HTTP, decides nothing. */
public final class BridgeServer implements AutoCloseable {
  private final Javalin app;

  /**
   * The verifier and the lifecycle are supplied, not given: the bridge builds them (the OpenAI SDK,
   * OkHttp's trust store) on a second thread while Jetty starts on this one. A request that needs
   * them before they exist waits for them, so {@code /ready} answers 200 only once calls can be
   * taken.
   *
   * @param metrics renders {@code GET /metrics} (Prometheus text): the metrics named by the
   *     request's {@code name[]} parameters, all of them when there is none
   * @param sinks the sinks' health by name, shown in {@code /ready}'s body; it never turns
   *     {@code /ready} to 503 (a restart would not make Discord take posts sooner)
   * @param extraRoutes more routes (the Twilio voice route), or a no-op
   */
  public BridgeServer(
      Supplier<WebhookVerifier> verifier,
      Supplier<CallLifecycle> lifecycle,
      WebhookOutcomes outcomes,
      Function<Set<String>, String> metrics,
      Supplier<Map<String, Object>> sinks,
      Consumer<io.javalin.config.RoutesConfig> extraRoutes) {
    WebhookHandler webhook = new WebhookHandler(verifier, lifecycle, outcomes::record);
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = WebhookHandler.MAX_BODY_BYTES + 1024L;
      cfg.routes.post("/openai/webhook", webhook::handle);
      cfg.routes.get("/health", ctx -> ctx.contentType("application/json")
          .result(Json.object("status", "ok", "activeCalls", lifecycle.get().activeCalls())));
      cfg.routes.get("/ready", ctx -> {
        boolean ready = lifecycle.get().isAccepting();
        ctx.status(ready ? 200 : 503).contentType("application/json")
            .result(Json.object("status", ready ? "ready" : "draining", "sinks", sinks.get()));
      });
      cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
          .result(metrics.apply(Set.copyOf(ctx.queryParams("name[]")))));
      extraRoutes.accept(cfg.routes);
    });
  }

  /** Counts webhook deliveries by outcome. */
  public interface WebhookOutcomes {
    void record(String outcome);
  }

  /** Starts listening; {@code port} 0 picks a free one. */
  public BridgeServer start(String host, int port) {
    app.start(host, port);
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
