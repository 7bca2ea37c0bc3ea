package dev.sipbridge.app;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import dev.sipbridge.app.http.TwilioRoutes;
import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.port.CallTransfer;
import dev.sipbridge.twilio.TwilioCallTransfer;
import dev.sipbridge.twilio.TwilioRequestValidator;
import dev.sipbridge.twilio.TwilioSettings;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import javax.inject.Singleton;

/** Twilio: warm transfer and the voice route, when the Twilio variables are set. */
@Module
final class TwilioModule {
  private TwilioModule() {}

  @Provides
  @Singleton
  static Optional<CallTransfer> callTransfer(BridgeConfig config) {
    return config
        .twilio()
        .map(
            t ->
                new TwilioCallTransfer(
                    new TwilioSettings(
                        t.accountSid(),
                        t.authToken().reveal(),
                        t.apiBaseUrl(),
                        TwilioSettings.DEFAULT_TIMEOUT)));
  }

  @Provides
  @Singleton
  static Optional<TwilioRoutes> voiceRoutes(
      BridgeConfig config, Lazy<CallLifecycle> lifecycles, ExecutorService workers) {
    // Lazy: without the voice route, the server must not wait for the lifecycle (see Bridge.start)
    if (!config.voiceRoute() || lifecycles.get().warmTransfer().isEmpty()) {
      return Optional.empty();
    }
    CallLifecycle lifecycle = lifecycles.get();
    BridgeConfig.Twilio t = config.twilio().orElseThrow();
    return Optional.of(
        new TwilioRoutes(
            lifecycle.warmTransfer().get(),
            new TwilioRequestValidator(t.authToken().reveal()),
            t.publicBaseUrl().orElseThrow().toString(),
            workers));
  }
}
