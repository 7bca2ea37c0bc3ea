package dev.sipbridge.core.sip;

/** One header of the SIP INVITE, as OpenAI forwards it in {@code sip_headers}. */
public record SipHeader(String name, String value) {
  public SipHeader {
    name = name == null ? "" : name.trim();
    value = value == null ? "" : value;
  }
}
