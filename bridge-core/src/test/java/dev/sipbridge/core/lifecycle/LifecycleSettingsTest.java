package dev.sipbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifecycleSettingsTest {
  private static final LifecycleSettings DEFAULTS =
      LifecycleSettings.defaults(LifecycleHarness.PROFILE);

  @Test
  void defaults_followTheSpec() {
    assertThat(DEFAULTS.transcriptOrderWait()).isEqualTo(Duration.ofMillis(2000));
    assertThat(DEFAULTS.acceptBudget()).isEqualTo(Duration.ofSeconds(2));
    assertThat(DEFAULTS.socketAttempts()).isGreaterThan(1);
    assertThat(DEFAULTS.profile()).isEqualTo(LifecycleHarness.PROFILE);
  }

  @Test
  void withers_changeOnlyTheirField() {
    LifecycleSettings changed =
        DEFAULTS
            .withTranscriptOrderWait(Duration.ofMillis(1))
            .withToolTimeout(Duration.ofMillis(2))
            .withGoodbyeGrace(Duration.ofMillis(3))
            .withMaxCallDuration(Duration.ofMillis(4));

    assertThat(changed)
        .isEqualTo(
            new LifecycleSettings(
                DEFAULTS.profile(),
                Duration.ofMillis(1),
                DEFAULTS.acceptBudget(),
                Duration.ofMillis(2),
                Duration.ofMillis(3),
                DEFAULTS.socketAttempts(),
                Duration.ofMillis(4)));
  }

  @Test
  void noSocketAttempts_isRefused() {
    assertThatThrownBy(
            () ->
                new LifecycleSettings(
                    LifecycleHarness.PROFILE,
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    0,
                    Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("socketAttempts");
  }
}
