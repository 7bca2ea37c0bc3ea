package dev.sipbridge.core.sip;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The INVITE's headers in their original order. Names are case-insensitive and may repeat; the
 * values are untrusted caller data.
 */
public final class SipHeaders {
  private final List<SipHeader> headers;

  private SipHeaders(List<SipHeader> headers) {
    this.headers = List.copyOf(headers);
  }

  public static SipHeaders of(List<SipHeader> headers) {
    return new SipHeaders(headers == null ? List.of() : headers);
  }

  /** The first value of the header {@code name}, compared case-insensitively. */
  public Optional<String> first(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(SipHeader::value)
        .findFirst();
  }

  /** Every value of the header {@code name}, in order. */
  public List<String> all(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(SipHeader::value)
        .collect(Collectors.toList());
  }

  public List<SipHeader> asList() {
    return headers;
  }

  @Override
  public String toString() {
    return "SipHeaders" + headers.stream().map(SipHeader::name).collect(Collectors.toList());
  }
}
