package dev.sipbridge.core.fake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.store.CallQuery;
import dev.sipbridge.core.store.CallStoreContract;
import dev.sipbridge.core.store.StoreEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory store answers as the real ones do, and fails like a lost database on demand. */
class FakeCallStoreTest extends CallStoreContract {
  private final FakeCallStore store = new FakeCallStore();

  @Override
  protected CallStore store() {
    return store;
  }

  /** In memory, a "restart" keeps the process: the same store. */
  @Override
  protected CallStore reopened() {
    return store;
  }

  @Test
  void failing_everyMethodThrowsRetryably() {
    store.failing(true);

    assertThatThrownBy(() -> store.write(List.of(StoreEvents.started("rtc_1", StoreEvents.T0))))
        .isInstanceOfSatisfying(AdapterException.class, e -> e.retryable());
    assertThatThrownBy(() -> store.find(new CallId("rtc_1"))).isInstanceOf(AdapterException.class);
    assertThatThrownBy(() -> store.search(CallQuery.newest(1)))
        .isInstanceOf(AdapterException.class);
  }
}
