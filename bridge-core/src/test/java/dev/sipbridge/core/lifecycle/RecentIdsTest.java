package dev.sipbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

  @Test
  void added_isContained() {
    RecentIds ids = new RecentIds(3);

    ids.add("wh_1");

    assertThat(ids.contains("wh_1")).isTrue();
    assertThat(ids.contains("wh_2")).isFalse();
  }

  @Test
  void overCapacity_forgetsTheOldestFirst() {
    RecentIds ids = new RecentIds(2);

    ids.add("wh_1");
    ids.add("wh_2");
    ids.add("wh_3");

    assertThat(ids.contains("wh_1")).isFalse();
    assertThat(ids.contains("wh_2")).isTrue();
    assertThat(ids.contains("wh_3")).isTrue();
  }
}
