package dev.sipbridge.core.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipbridge.core.call.CallRegistry.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallRegistryTest {

  @Test
  void register_addsUntilCapacityThenFull() {
    CallRegistry registry = new CallRegistry(2);

    assertThat(registry.register(call("rtc_1"))).isEqualTo(Registration.REGISTERED);
    assertThat(registry.register(call("rtc_2"))).isEqualTo(Registration.REGISTERED);
    assertThat(registry.register(call("rtc_3"))).isEqualTo(Registration.FULL);

    assertThat(registry.size()).isEqualTo(2);
    assertThat(registry.capacity()).isEqualTo(2);
    assertThat(registry.find(new CallId("rtc_3"))).isEmpty();
    assertThat(registry.calls())
        .extracting(Call::id)
        .containsExactlyInAnyOrder(new CallId("rtc_1"), new CallId("rtc_2"));
  }

  @Test
  void sameIdTwice_isDuplicateAndKeepsTheFirst() {
    CallRegistry registry = new CallRegistry(5);
    Call first = call("rtc_1");

    registry.register(first);

    assertThat(registry.register(call("rtc_1"))).isEqualTo(Registration.DUPLICATE);
    assertThat(registry.size()).isEqualTo(1);
    assertThat(registry.find(new CallId("rtc_1"))).containsSame(first);
  }

  @Test
  void duplicateAtCapacity_isDuplicateNotFull() {
    CallRegistry registry = new CallRegistry(1);
    registry.register(call("rtc_1"));

    assertThat(registry.register(call("rtc_1"))).isEqualTo(Registration.DUPLICATE);
  }

  @Test
  void remove_freesTheSlot() {
    CallRegistry registry = new CallRegistry(1);
    registry.register(call("rtc_1"));

    registry.remove(new CallId("rtc_1"));

    assertThat(registry.size()).isZero();
    assertThat(registry.find(new CallId("rtc_1"))).isEmpty();
    assertThat(registry.register(call("rtc_2"))).isEqualTo(Registration.REGISTERED);
  }

  @Test
  void removeUnknownOrTwice_isHarmless() {
    CallRegistry registry = new CallRegistry(3);
    registry.register(call("rtc_1"));

    registry.remove(new CallId("rtc_nope"));
    registry.remove(new CallId("rtc_1"));
    registry.remove(new CallId("rtc_1"));

    assertThat(registry.size()).isZero();
    assertThat(registry.register(call("rtc_2"))).isEqualTo(Registration.REGISTERED);
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void capacityBelowOne_isRefused() {
    assertThatThrownBy(() -> new CallRegistry(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity")
        .hasMessageContaining("0");
  }

  @Test
  void manyThreadsRegisteringAndRemoving_neverExceedCapacityAndEndEmpty() throws Exception {
    int capacity = 8;
    int threads = 16;
    int rounds = 1_000;
    CallRegistry registry = new CallRegistry(capacity);
    AtomicInteger maxSeen = new AtomicInteger();
    AtomicInteger registered = new AtomicInteger();
    AtomicInteger full = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < rounds; i++) {
                    // A small id space, so threads also collide on the same call id.
                    CallId id = new CallId("rtc_" + ThreadLocalRandom.current().nextInt(24));
                    Registration r = registry.register(new Call(TestCalls.incoming(id.value())));
                    maxSeen.accumulateAndGet(registry.size(), Math::max);
                    if (r == Registration.REGISTERED) {
                      registered.incrementAndGet();
                      registry.remove(id);
                    } else if (r == Registration.FULL) {
                      full.incrementAndGet();
                    }
                    maxSeen.accumulateAndGet(registry.size(), Math::max);
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(maxSeen.get()).isBetween(1, capacity);
    assertThat(registered.get()).isPositive();
    assertThat(registry.size()).isZero();
    assertThat(registry.calls()).isEmpty();
  }

  private static Call call(String id) {
    return new Call(TestCalls.incoming(id));
  }
}
