package dev.sipbridge.core.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"rtc_479a275623b54bdb9b6fbae2f7cbd408", "rtc_1", "rtc_a-B_9"})
  void openAisShape_isTaken(String id) {
    assertThat(new CallId(id).value()).isEqualTo(id);
  }

  @Test
  void longestTaken_is128Characters() {
    String longest = "rtc_" + "a".repeat(CallId.MAX_LENGTH - 4);

    assertThat(new CallId(longest).value()).hasSize(128);
    assertThatThrownBy(() -> new CallId(longest + "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(129 chars)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "rtc_",
        "abc",
        "RTC_1",
        "rtc_../../etc",
        "rtc_a/b",
        "rtc_1 ",
        "rtc_a.b",
        "rtc_é",
        "rtc_1%0d%0a",
        "call_1",
        "rtc_1?x=y"
      })
  void otherShapes_areRefused(String id) {
    assertThatThrownBy(() -> new CallId(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("call id must be rtc_");
  }

  @Test
  void refusedId_isShownEscapedAndCutInTheMessage() {
    String forged = "rtc_1\r\n2026-01-01 INFO forged line" + "x".repeat(10_000);

    assertThatThrownBy(() -> new CallId(forged))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("\r")
        .hasMessageNotContaining("\n")
        .hasMessageContaining(
            "\"rtc_1\\u000d\\u000a2026-01-01 INFO forged linexxxxxx\"... (10034 chars)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    assertThatThrownBy(() -> new CallId(null)).hasMessageEndingWith("was null");
  }
}
