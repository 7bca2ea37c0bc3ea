package dev.sipbridge.app;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.sipbridge.app.api.ApiRoutes;
import dev.sipbridge.app.api.OperatorAuth;
import dev.sipbridge.app.console.ConsoleRoutes;
import dev.sipbridge.app.console.EventHub;
import dev.sipbridge.app.http.BridgeServer;
import dev.sipbridge.app.http.HttpLimits;
import dev.sipbridge.app.http.TwilioRoutes;
import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.port.WebhookVerifier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.Optional;
import javax.inject.Singleton;

/** The HTTP server and its routes. */
@Module
final class HttpModule {
  private HttpModule() {}

  @Provides
  @Singleton
  static BridgeServer server(
      Lazy<WebhookVerifier> verifier,
      Lazy<CallLifecycle> lifecycle,
      BridgeMetrics metrics,
      SinkHealth sinks,
      Optional<TwilioRoutes> twilio,
      BridgeConfig config,
      Optional<OperatorAuth> operator,
      CallStore store,
      EventHub hub) {
    return new BridgeServer(
        verifier::get,
        lifecycle::get,
        metrics,
        metrics::scrape,
        sinks::report,
        routes -> {
          twilio.ifPresent(t -> t.register(routes));
          operatorRoutes(routes, config, operator, store, lifecycle, hub);
        },
        HttpLimits.withConnectionsPerAddress(config.server().maxConnectionsPerAddress()),
        metrics);
  }

  /**
   * {@code /api} and {@code /console} with the token; without it both answer 404 saying how to turn
   * them on. {@code /metrics} needs the token when {@code METRICS_REQUIRE_TOKEN} is true.
   */
  private static void operatorRoutes(
      RoutesConfig routes,
      BridgeConfig config,
      Optional<OperatorAuth> operator,
      CallStore store,
      Lazy<CallLifecycle> lifecycle,
      EventHub hub) {
    if (operator.isEmpty()) {
      Handler off =
          ctx ->
              ctx.status(404)
                  .contentType("application/json")
                  .result(
                      "{\"error\":{\"code\":\"operator_off\",\"message\":\"the operator API and console"
                          + " are off: set OPERATOR_TOKEN\"}}");
      for (String path : new String[] {"/api", "/api/<rest>", "/console", "/console/<rest>"}) {
        routes.get(path, off);
        routes.post(path, off);
      }
      return;
    }
    OperatorAuth auth = operator.get();
    if (config.operator().metricsRequireToken()) {
      routes.before(
          "/metrics",
          ctx -> {
            if (!auth.allows(ctx)) {
              ctx.status(401)
                  .header("WWW-Authenticate", "Bearer realm=\"sip-realtime-bridge\"")
                  .result("unauthorized");
              ctx.skipRemainingHandlers();
            }
          });
    }
    // The API's token check is registered first, so it runs before the stream's own checks.
    new ApiRoutes(auth, store, lifecycle::get).register(routes);
    new ConsoleRoutes(auth, hub).register(routes);
  }
}
