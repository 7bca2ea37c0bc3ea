package dev.sipbridge.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.sipbridge.core.lifecycle.CallRecorder;
import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.store.JdbcCallStore;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;

/** The call store and the listeners told each step of every call. */
@Module
final class StoreModule {
  private StoreModule() {}

  /** SQLite under {@code DATA_DIR}, or {@code DATABASE_URL}; opening does not connect yet. */
  @Provides
  @Singleton
  static CallStore callStore(BridgeConfig config) {
    BridgeConfig.Store store = config.store();
    return JdbcCallStore.open(store.database(), instanceName(), store.prices());
  }

  /** Writes every call into the store off the calls' threads; closed by {@link Bridge}. */
  @Provides
  @Singleton
  static CallRecorder callRecorder(
      CallStore store, BridgeConfig config, Clock clock, BridgeMetrics metrics) {
    CallRecorder recorder =
        CallRecorder.start(
            store,
            CallRecorder.Settings.defaults().withRetention(config.store().retention()),
            clock);
    metrics.callStore(recorder);
    return recorder;
  }

  @Provides
  @IntoSet
  static CallEventListener recorderListens(CallRecorder recorder) {
    return recorder;
  }

  /** Recorded as each call's owner: the host (a container's name), for several instances later. */
  private static String instanceName() {
    return Optional.ofNullable(System.getenv("HOSTNAME"))
        .filter(h -> !h.isBlank())
        .orElseGet(
            () -> {
              try {
                return InetAddress.getLocalHost().getHostName();
              } catch (IOException e) {
                return "bridge";
              }
            });
  }
}
