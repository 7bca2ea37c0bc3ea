package dev.sipbridge.core.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of an address header ({@code From}, {@code P-Asserted-Identity}, {@code Diversion},
 * ...): the URI and the header parameters that follow it. The display name is skipped.
 *
 * @param uri the text inside {@code <>}; for a bare addr-spec, the whole entry
 * @param params header parameters, keys lower-cased ({@code reason}, {@code index}, ...)
 */
record NameAddr(String uri, Map<String, String> params) {

  /** Every entry of every value, in order: repeated header lines and comma lists alike. */
  static List<NameAddr> all(List<String> headerValues) {
    List<NameAddr> out = new ArrayList<>();
    for (String value : headerValues) {
      for (String entry : HeaderScanner.entries(value)) {
        out.add(parse(entry));
      }
    }
    return out;
  }

  /** Reads one entry (already split at top-level commas). */
  static NameAddr parse(String entry) {
    String text = entry.trim();
    int afterName = 0;
    if (text.startsWith("\"")) {
      // A quoted display name may hold '<', ',' and ';'; unclosed, the quote is taken literally.
      afterName = Math.max(0, HeaderScanner.endOfQuoted(text, 0));
    }
    int open = text.indexOf('<', afterName);
    if (open >= 0) {
      int close = text.indexOf('>', open + 1);
      if (close < 0) {
        return new NameAddr(text.substring(open + 1).trim(), Map.of());
      }
      return new NameAddr(
          text.substring(open + 1, close).trim(), HeaderScanner.params(text, close + 1));
    }
    // addr-spec: the header parameters start at the first ';' after the host, but the URI keeps
    // them too, so a sloppy bare 'tel:5551234;phone-context=+1555' still reads as local.
    String bare = text.substring(afterName).trim();
    int at = bare.indexOf('@');
    return new NameAddr(bare, HeaderScanner.params(bare, bare.indexOf(';', Math.max(at, 0))));
  }
}
