package dev.sipbridge.core.sip;

import java.util.Optional;

/** Reads numbers and forwarding information out of SIP header values. (placeholder) */
final class SipHeaderParser {
  private SipHeaderParser() {}

  static CallParties parties(SipHeaders headers) {
    PhoneNumber caller = headers.first("From").map(SipHeaderParser::number).orElse(PhoneNumber.UNKNOWN);
    PhoneNumber called = headers.first("To").map(SipHeaderParser::number).orElse(PhoneNumber.UNKNOWN);
    return new CallParties(caller, called, Optional.empty(), Optional.empty(), headers.first("X-conferenceName"));
  }

  static PhoneNumber number(String value) {
    String v = value;
    int lt = v.indexOf('<');
    if (lt >= 0) {
      v = v.substring(lt + 1, Math.max(lt + 1, v.indexOf('>', lt)));
    }
    v = v.replaceFirst("^(sips?|tel):", "");
    int at = v.indexOf('@');
    if (at >= 0) {
      v = v.substring(0, at);
    }
    return new PhoneNumber(v, v.matches("\\+[1-9]\\d{1,14}") ? Optional.of(v) : Optional.empty(), false);
  }
}
