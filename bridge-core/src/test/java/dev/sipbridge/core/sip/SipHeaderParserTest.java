package dev.sipbridge.core.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Fixed seeds keep the run deterministic; the generators still cover brackets, quotes, escapes. */
class SipHeaderParserTest {
  private static final String SIP_CHARS = "<>\"\\;,@:%?&=+-.() 0123456789abcdefABCDEFsiptelx\t";

  @Property(tries = 500, seed = "20260601")
  void sipShapedNoise_neverThrows(@ForAll("headers") List<SipHeader> headers) {
    CallParties parties = CallParties.from(SipHeaders.of(headers));

    assertValid(parties);
  }

  @Property(tries = 300, seed = "20260602")
  void anyUnicodeValue_neverThrows(@ForAll String from, @ForAll String diversion) {
    CallParties parties =
        CallParties.from(
            SipHeaders.of(
                List.of(
                    new SipHeader("From", from),
                    new SipHeader("Diversion", diversion),
                    new SipHeader("History-Info", diversion),
                    new SipHeader("P-Asserted-Identity", from))));

    assertValid(parties);
    assertThat(PhoneNumber.parse(from)).isNotNull();
  }

  @Provide
  Arbitrary<List<SipHeader>> headers() {
    Arbitrary<String> names =
        Arbitraries.of(
            "From",
            "To",
            "P-Asserted-Identity",
            "Remote-Party-ID",
            "Privacy",
            "Diversion",
            "History-Info",
            "X-conferenceName",
            "x-conference-name",
            "f",
            "t",
            "Call-ID");
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars(SIP_CHARS).ofMaxLength(120),
            Arbitraries.strings().withChars(SIP_CHARS).ofMaxLength(20).map(s -> "<sip:" + s),
            Arbitraries.strings()
                .withChars(SIP_CHARS)
                .ofMaxLength(20)
                .map(s -> "\"" + s + "<tel:"));
    return Combinators.combine(names, values).as(SipHeader::new).list().ofMaxSize(8);
  }

  private static void assertValid(CallParties parties) {
    assertThat(parties.caller()).isNotNull();
    assertThat(parties.called()).isNotNull();
    assertThat(parties.caller().raw()).hasSizeLessThanOrEqualTo(NumberReader.MAX_RAW);
    parties.caller().e164().ifPresent(e -> assertThat(e).matches("\\+[1-9]\\d{1,14}"));
    parties.called().e164().ifPresent(e -> assertThat(e).matches("\\+[1-9]\\d{1,14}"));
    parties
        .forwardedFrom()
        .flatMap(PhoneNumber::e164)
        .ifPresent(e -> assertThat(e).matches("\\+[1-9]\\d{1,14}"));
    assertThat(parties.forwardingReason().orElse("x")).isNotBlank();
    assertThat(parties.conferenceName().orElse("x")).isNotBlank();
  }
}
