package dev.sipbridge.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dev.sipbridge.app.api.OperatorAuth;
import dev.sipbridge.app.console.EventHub;
import dev.sipbridge.core.port.CallEventListener;
import java.util.Optional;
import java.util.Set;
import javax.inject.Singleton;

/** The operator surface: who may use it, and the live stream of call events it serves. */
@Module
final class OperatorModule {
  private OperatorModule() {}

  /** Empty when {@code OPERATOR_TOKEN} is not set: then {@code /api} and the console are off. */
  @Provides
  @Singleton
  static Optional<OperatorAuth> operatorAuth(BridgeConfig config) {
    return config.operator().token().map(t -> new OperatorAuth(t.reveal()));
  }

  @Provides
  @Singleton
  static EventHub eventHub() {
    return new EventHub();
  }

  /** The live stream is told each call's story only when someone may watch it. */
  @Provides
  @Singleton
  @ElementsIntoSet
  static Set<CallEventListener> liveStream(Optional<OperatorAuth> auth, EventHub hub) {
    return auth.isPresent() ? Set.of(hub) : Set.of();
  }
}
