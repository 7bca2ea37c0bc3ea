package dev.sipbridge.core.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CallPartiesTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sipbridge.core.sip.HeaderShapes#rows")
  void realWorldShape_readsParties(ShapeRow row) {
    CallParties parties = CallParties.from(SipHeaders.of(row.headers()));

    assertThat(parties.caller().raw()).as("caller raw").isEqualTo(row.callerRaw());
    assertThat(parties.caller().e164()).as("caller e164").isEqualTo(row.callerE164());
    assertThat(parties.caller().anonymous()).as("anonymous").isEqualTo(row.callerAnonymous());
    assertThat(parties.called().value()).as("called").isEqualTo(row.called());
    assertThat(parties.forwardedFrom().map(PhoneNumber::value))
        .as("forwarded from")
        .isEqualTo(row.forwardedFrom());
    assertThat(parties.forwardingReason()).as("reason").isEqualTo(row.reason());
    assertThat(parties.conferenceName()).as("conference").isEqualTo(row.conference());
  }

  @Test
  void shapeTable_hasAtLeastThirtyRows() {
    assertThat(HeaderShapes.rows().count()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void headerNamesInAnyCase_areFound() {
    CallParties parties =
        parse(
            "from", "<sip:+14155550123@h>",
            "TO", "<sip:+18005551212@h>",
            "DIVERSION", "<sip:+15551234567@h>;REASON=User-Busy",
            "x-CONFERENCENAME", "CA42");

    assertThat(parties.caller().value()).isEqualTo("+14155550123");
    assertThat(parties.called().value()).isEqualTo("+18005551212");
    assertThat(parties.forwardedFrom().map(PhoneNumber::value)).contains("+15551234567");
    assertThat(parties.forwardingReason()).contains("user-busy");
    assertThat(parties.conferenceName()).contains("CA42");
  }

  @Test
  void repeatedAssertedIdentity_prefersTheE164LineOverTheFirst() {
    CallParties parties =
        parse(
            "P-Asserted-Identity", "<sip:alice@example.com>",
            "p-asserted-identity", "<tel:+14155550123>",
            "From", "<sip:+19995550000@h>");

    assertThat(parties.caller().e164()).contains("+14155550123");
  }

  @Test
  void repeatedFrom_firstWins() {
    CallParties parties = parse("From", "<sip:+14155550123@h>", "From", "<sip:+14155559999@h>");

    assertThat(parties.caller().value()).isEqualTo("+14155550123");
  }

  @Test
  void repeatedConferenceHeaders_firstNonBlankWins() {
    CallParties parties =
        parse("X-conferenceName", "  ", "X-Conference-Name", "CF1", "X-conferenceName", "CF2");

    assertThat(parties.conferenceName()).contains("CF1");
  }

  @Test
  void diversionAcrossRepeatedLinesAndCommas_lastEntryIsTheDialledNumber() {
    CallParties parties =
        parse(
            "Diversion", "<sip:+15550000003@h>;reason=no-answer, <sip:+15550000002@h>",
            "Diversion", "<sip:+15550000001@h>;reason=time-of-day");

    assertThat(parties.forwardedFrom().map(PhoneNumber::value)).contains("+15550000001");
    assertThat(parties.forwardingReason()).contains("time-of-day");
  }

  @Test
  void nullAndEmptyInput_givesUnknownParties() {
    List<SipHeader> headers = new ArrayList<>();
    headers.add(new SipHeader(null, null));
    headers.add(new SipHeader("From", null));
    headers.add(new SipHeader("Diversion", ""));

    CallParties parties = CallParties.from(SipHeaders.of(headers));

    assertThat(parties.caller()).isEqualTo(PhoneNumber.UNKNOWN);
    assertThat(parties.called()).isEqualTo(PhoneNumber.UNKNOWN);
    assertThat(parties.forwardedFrom()).isEmpty();
    assertThat(CallParties.from(SipHeaders.of(null)).caller()).isEqualTo(PhoneNumber.UNKNOWN);
  }

  @Test
  void hugeHeaderValues_areReadAndRawIsCapped() {
    String longUser = "9".repeat(200_000);
    String manyEntries = "<sip:x@h>;index=1,".repeat(20_000) + "<sip:+15551234567@h>;index=0";

    CallParties parties =
        parse(
            "From", "<sip:" + longUser + "@h>",
            "History-Info", manyEntries,
            "To", "\"" + "\\\"".repeat(100_000));

    assertThat(parties.caller().raw()).hasSize(NumberReader.MAX_RAW);
    assertThat(parties.caller().e164()).isEmpty();
    assertThat(parties.forwardedFrom().map(PhoneNumber::value)).contains("+15551234567");
  }

  @Test
  void controlCharactersInHeaders_neverReachTheValues() {
    CallParties parties =
        parse(
            "From", "<sip:+1415555\n0123@h>",
            "Diversion", "<sip:+15551234567@h>;reason=\"no-\r\nanswer\"");

    assertThat(parties.caller().raw()).isEqualTo("+14155550123");
    assertThat(parties.forwardingReason()).contains("no-answer");
  }

  private static CallParties parse(String... nameValues) {
    List<SipHeader> headers = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      headers.add(new SipHeader(nameValues[i], nameValues[i + 1]));
    }
    return CallParties.from(SipHeaders.of(headers));
  }
}
