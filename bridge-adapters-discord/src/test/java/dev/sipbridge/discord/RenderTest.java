package dev.sipbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.sip.CallParties;
import dev.sipbridge.core.sip.PhoneNumber;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderTest {
  @Test
  void threadName_masksTheCallerAndStaysWithin100CodePoints() {
    String longId = "rtc_" + "x".repeat(124); // the longest id there is

    String name = Render.threadName(Calls.call(longId));

    assertThat(name).startsWith("Call +1555***4567 rtc_x");
    assertThat(MessageText.length(name)).isEqualTo(100);
  }

  @Test
  void announcement_showsAnonymousCallerAndNeutralisesHeaderText() {
    CallParties parties =
        new CallParties(
            PhoneNumber.UNKNOWN,
            Calls.CALLED,
            Optional.empty(),
            Optional.of("@everyone"),
            Optional.empty());

    String text = Render.announcement(Calls.call("rtc_z", parties));

    assertThat(text)
        .isEqualTo(
            "Call rtc_z started\nFrom: anonymous\nTo: +15557654321\n"
                + "Forwarded from: unknown (@\u200Beveryone)");
  }

  @Test
  void fileName_isTranscriptAndTheCallId() {
    assertThat(Render.fileName(new CallId("rtc_a-B_9"))).isEqualTo("transcript-rtc_a-B_9.txt");
  }
}
