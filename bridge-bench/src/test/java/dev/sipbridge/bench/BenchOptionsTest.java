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
  }

  @Test
  void optionsInBothSpellings_laterOnesWin() {
    BenchOptions o = BenchOptions.parse(
        List.of("--calls", "20", "--cds=on", "--jvm", " -Xmx1g  -XX:+UseSerialGC ", "--calls=30"));

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
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cds");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "fast")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--calls")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing value");
  }
}
