package dev.sipbridge.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.sipbridge.core.fake.FakeCallStore;
import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.lifecycle.CallRecorder;
import java.time.Clock;
import javax.inject.Singleton;

/** The call store and the listeners told each step of every call. */
@Module
final class StoreModule {
  private StoreModule() {}

  // Placeholder until the JDBC store lands: calls are kept in memory for the process's life.
  @Provides
  @Singleton
  static CallStore callStore() {
    return new FakeCallStore();
  }

  /** Writes every call into the store off the calls' threads; closed by {@link Bridge}. */
  @Provides
  @Singleton
  static CallRecorder callRecorder(CallStore store, Clock clock, BridgeMetrics metrics) {
    CallRecorder recorder = CallRecorder.start(store, CallRecorder.Settings.defaults(), clock);
    metrics.callStore(recorder);
    return recorder;
  }

  @Provides
  @IntoSet
  static CallEventListener recorderListens(CallRecorder recorder) {
    return recorder;
  }
}
