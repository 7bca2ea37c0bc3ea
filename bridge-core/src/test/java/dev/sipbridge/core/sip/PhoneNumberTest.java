package dev.sipbridge.core.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {

  @Test
  void e164Number_isMaskedInTheMiddle() {
    PhoneNumber number = new PhoneNumber("+15551234567", Optional.of("+15551234567"), false);

    assertThat(number.masked()).isEqualTo("+1555***4567");
    assertThat(number).hasToString("+1555***4567");
  }

  @Test
  void anonymousNumber_isMaskedAsAnonymous() {
    assertThat(PhoneNumber.parse("<sip:+266696687@sip.twilio.com>").masked())
        .isEqualTo("anonymous");
    assertThat(PhoneNumber.UNKNOWN.masked()).isEqualTo("anonymous");
  }

  @Test
  void shortOrEmptyText_isHiddenEntirely() {
    assertThat(PhoneNumber.mask("+1555123")).isEqualTo("***");
    assertThat(PhoneNumber.mask("")).isEmpty();
    assertThat(PhoneNumber.mask(null)).isEmpty();
  }

  @Test
  void shortNationalNumber_hidesAtLeastThreeDigits() {
    assertThat(PhoneNumber.mask("5551234567")).isEqualTo("555***4567");
  }

  @Test
  void rawNonE164Number_isMaskedByItsRawText() {
    PhoneNumber number = PhoneNumber.parse("<sip:004915112345678@sipgate.de>");

    assertThat(number.value()).isEqualTo("004915112345678");
    assertThat(number.masked()).isEqualTo("00491***5678");
  }

  @Test
  void parseBareNumber_readsE164() {
    PhoneNumber number = PhoneNumber.parse(" +1 (415) 555-0123 ");

    assertThat(number.e164()).contains("+14155550123");
    assertThat(number.anonymous()).isFalse();
  }

  @Test
  void parseNameAddr_skipsDisplayNameAndParams() {
    PhoneNumber number =
        PhoneNumber.parse("\"Doe, Jane\" <sip:+14155550123@h;user=phone>;tag=1, <tel:+1999>");

    assertThat(number.value()).isEqualTo("+14155550123");
  }

  @Test
  void parseTooLongDigits_isNotE164() {
    assertThat(PhoneNumber.parse("tel:+1234567890123456").e164()).isEmpty();
    assertThat(PhoneNumber.parse("tel:+123456789012345").e164()).contains("+123456789012345");
    assertThat(PhoneNumber.parse("tel:+0123456789").e164()).isEmpty();
  }

  @Test
  void parseNullOrBlank_isUnknown() {
    assertThat(PhoneNumber.parse(null)).isEqualTo(PhoneNumber.UNKNOWN);
    assertThat(PhoneNumber.parse("  ")).isEqualTo(PhoneNumber.UNKNOWN);
    assertThat(PhoneNumber.parse("<>;tag=1")).isEqualTo(PhoneNumber.UNKNOWN);
  }

  @Test
  void parseAnonymousWord_isAnonymousWithoutE164() {
    PhoneNumber number = PhoneNumber.parse("Anonymous");

    assertThat(number.anonymous()).isTrue();
    assertThat(number.e164()).isEmpty();
    assertThat(number.raw()).isEqualTo("Anonymous");
  }
}
