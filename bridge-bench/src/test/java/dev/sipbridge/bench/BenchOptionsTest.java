package dev.sipbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void defaults_plainJarWithTheRecommendedJvmOptions() {
    BenchOptions o = BenchOptions.parse(List.of());

    assertThat(o.cds()).isFalse();
    assertThat(o.jvmArgs()).isEqualTo(BenchOptions.RECOMMENDED_JVM);
    assertThat(o.calls()).isEqualTo(300);
    assertThat(o.warmup()).as("cold by default").isZero();
    assertThat(o.command()).isEmpty();
    assertThat(o.driverWarmup())
        .as("the instrument is warmed, the bridge is not")
        .isEqualTo(BenchOptions.DRIVER_WARMUP);
    assertThat(BenchOptions.parse(List.of("--driver-warmup", "0")).driverWarmup()).isZero();
  }

  @Test
  void warm_playsTheDriversWarmUpUnlessACountIsGiven() {
    assertThat(BenchOptions.parse(List.of("--warm")).warmup()).isEqualTo(BenchOptions.WARM_CALLS);
    assertThat(BenchOptions.parse(List.of("--warm", "--warmup", "3000")).warmup()).isEqualTo(3000);
    assertThat(BenchOptions.parse(List.of("--warmup=3000", "--warm")).warmup()).isEqualTo(3000);
  }

  @Test
  void cmd_drivesAnotherBridge_butNotFromThisJarsClassArchive() {
    assertThat(BenchOptions.parse(List.of("--cmd", "node /tmp/node-orig/index.js")).command())
        .contains("node /tmp/node-orig/index.js");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--cmd", "node x.js", "--cds", "on")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--cmd");
  }

  @Test
  void optionsInBothSpellings_laterOnesWin() {
    BenchOptions o =
        BenchOptions.parse(
            List.of(
                "--calls", "20", "--cds=on", "--jvm", " -Xmx1g  -XX:+UseSerialGC ", "--calls=30"));

    assertThat(o.calls()).isEqualTo(30);
    assertThat(o.cds()).isTrue();
    assertThat(o.jvmArgs()).containsExactly("-Xmx1g", "-XX:+UseSerialGC");
  }

  @Test
  void relativeJar_resolvedAgainstTheDriversDirectory() {
    // the bridge runs in a temporary directory of its own, where a relative path would not exist
    BenchOptions o = BenchOptions.parse(List.of("--jar", "some/bridge.jar"));

    assertThat(o.jar()).contains(Path.of("some/bridge.jar").toAbsolutePath());
  }

  @Test
  void badValues_namedInTheError() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--cds", "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--cds");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "fast")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--rate");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--calls")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing value");
  }
}
