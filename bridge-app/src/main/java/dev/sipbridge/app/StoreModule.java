package dev.sipbridge.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dev.sipbridge.core.fake.FakeCallStore;
import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.port.CallStore;
import java.util.Set;
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

  @Provides
  @Singleton
  @ElementsIntoSet
  static Set<CallEventListener> noListeners() {
    return Set.of();
  }
}
