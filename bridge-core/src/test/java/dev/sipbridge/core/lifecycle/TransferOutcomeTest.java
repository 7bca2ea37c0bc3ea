package dev.sipbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferOutcomeTest {
  @Test
  void labels_areTheStringsTheCallRecordStores() {
    assertThat(new TransferOutcome.Requested().label()).isEqualTo("requested");
    assertThat(new TransferOutcome.Joined().label()).isEqualTo("joined");
    assertThat(new TransferOutcome.Failed().label()).isEqualTo("failed");
  }

  @Test
  void humanNotReached_mapsTwiliosStatusesAndIgnoresOthers() {
    assertThat(TransferOutcome.humanNotReached("busy")).contains(new TransferOutcome.Busy());
    assertThat(TransferOutcome.humanNotReached("no-answer"))
        .contains(new TransferOutcome.NoAnswer());
    assertThat(TransferOutcome.humanNotReached("canceled"))
        .hasValueSatisfying(o -> assertThat(o.label()).isEqualTo("canceled"));
    assertThat(TransferOutcome.humanNotReached("failed")).contains(new TransferOutcome.Failed());
    assertThat(TransferOutcome.humanNotReached("completed")).isEmpty();
    assertThat(TransferOutcome.humanNotReached(null)).isEmpty();
  }
}
