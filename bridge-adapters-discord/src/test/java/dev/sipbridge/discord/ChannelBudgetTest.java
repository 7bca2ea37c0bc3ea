package dev.sipbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChannelBudgetTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long T0 = 1_000 * SECOND;

  @Test
  void afterAQuietSpell_theBurstGoesAtOnce_thenOnePostPerInterval() {
    ChannelBudget budget = new ChannelBudget(10, 3 * SECOND, T0);

    for (int i = 0; i < 10; i++) {
      assertThat(budget.waitNanos(T0)).isZero();
      budget.spend(T0);
    }

    assertThat(budget.available(T0)).isZero();
    assertThat(budget.waitNanos(T0)).isEqualTo(3 * SECOND);
    assertThat(budget.waitNanos(T0 + SECOND)).isCloseTo(2 * SECOND, within(10L));
    assertThat(budget.waitNanos(T0 + 3 * SECOND)).isZero();
  }

  @Test
  void noMinuteHoldsMoreThanBurstPlusSixtySecondsOfRefill() {
    ChannelBudget budget = new ChannelBudget(10, 3 * SECOND, T0);
    int posts = 0;
    for (long now = T0; now < T0 + 60 * SECOND; now += SECOND / 10) {
      if (budget.waitNanos(now) == 0) {
        budget.spend(now);
        posts++;
      }
    }

    assertThat(posts).isEqualTo(10 + 20 - 1); // the 20th refill lands exactly at 60 s
  }

  @Test
  void refill_neverExceedsTheBurst() {
    ChannelBudget budget = new ChannelBudget(10, 3 * SECOND, T0);

    assertThat(budget.available(T0 + 3600 * SECOND)).isEqualTo(10);
  }

  @Test
  void zeroInterval_isNoBudget() {
    ChannelBudget off = new ChannelBudget(1, 0, T0);
    off.spend(T0);
    off.spend(T0);

    assertThat(off.waitNanos(T0)).isZero();
    assertThat(off.available(T0)).isEqualTo(Integer.MAX_VALUE);
  }
}
