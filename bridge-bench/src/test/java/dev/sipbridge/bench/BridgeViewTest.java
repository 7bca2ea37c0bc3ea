package dev.sipbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeViewTest {
  private static final String MINOR =
      "{action=\"end of minor GC\",cause=\"Allocation Failure\",gc=\"Copy\"}";
  private static final String MAJOR =
      "{action=\"end of major GC\",cause=\"System.gc()\",gc=\"MarkSweepCompact\"}";
  private static final String BEFORE =
      String.join(
          "\n",
          "# HELP bridge_accept_latency_seconds Webhook received until OpenAI answered the accept",
          "bridge_accept_latency_seconds_bucket{le=\"0.001\"} 10",
          "bridge_accept_latency_seconds_bucket{le=\"0.002\"} 10",
          "bridge_accept_latency_seconds_bucket{le=\"0.01\"} 10",
          "bridge_accept_latency_seconds_bucket{le=\"+Inf\"} 10",
          "jvm_gc_pause_seconds_count" + MINOR + " 3",
          "jvm_gc_pause_seconds_sum" + MINOR + " 0.05",
          "");
  private static final String AFTER =
      String.join(
          "\n",
          "bridge_accept_latency_seconds_bucket{le=\"0.001\"} 10",
          "bridge_accept_latency_seconds_bucket{le=\"0.002\"} 108",
          "bridge_accept_latency_seconds_bucket{le=\"0.01\"} 109",
          "bridge_accept_latency_seconds_bucket{le=\"+Inf\"} 110",
          "jvm_gc_pause_seconds_count" + MINOR + " 5",
          "jvm_gc_pause_seconds_sum" + MINOR + " 0.09",
          "jvm_gc_pause_seconds_count" + MAJOR + " 1",
          "jvm_gc_pause_seconds_sum" + MAJOR + " 0.1",
          "not a sample line");

  @Test
  void acceptPercentiles_countOnlyTheCallsBetweenTheScrapes() {
    BridgeView view = new BridgeView(BridgeView.parse(BEFORE), BridgeView.parse(AFTER));

    assertThat(view.acceptMs(50)).isEqualTo(2.0); // 98 of the 100 new ones within 2 ms
    assertThat(view.acceptMs(99)).isEqualTo(10.0);
    assertThat(view.acceptMs(100)).isInfinite();
  }

  @Test
  void gcPauses_addUpEveryCollectorBetweenTheScrapes() {
    BridgeView view = new BridgeView(BridgeView.parse(BEFORE), BridgeView.parse(AFTER));

    assertThat(view.gcPauses()).isEqualTo(3);
    assertThat(view.gcPauseMs()).isCloseTo(140.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void noCallsBetween_noPercentile() {
    Map<String, Double> same = BridgeView.parse(BEFORE);

    assertThat(new BridgeView(same, same).acceptMs(99)).isEqualTo(-1);
  }
}
