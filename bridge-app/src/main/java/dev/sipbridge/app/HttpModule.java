package dev.sipbridge.app;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.sipbridge.app.http.BridgeServer;
import dev.sipbridge.app.http.HttpLimits;
import dev.sipbridge.app.http.TwilioRoutes;
import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.port.WebhookVerifier;
import java.util.Optional;
import javax.inject.Singleton;

/** The HTTP server and its routes. */
@Module
final class HttpModule {
  private HttpModule() {}

  @Provides
  @Singleton
  static BridgeServer server(Lazy<WebhookVerifier> verifier, Lazy<CallLifecycle> lifecycle,
      BridgeMetrics metrics, SinkHealth sinks, Optional<TwilioRoutes> twilio,
      BridgeConfig config) {
    return new BridgeServer(verifier::get, lifecycle::get, metrics, metrics::scrape,
        sinks::report, routes -> twilio.ifPresent(t -> t.register(routes)),
        HttpLimits.withConnectionsPerAddress(config.server().maxConnectionsPerAddress()),
        metrics);
  }
}
