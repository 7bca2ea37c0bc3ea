package dev.sipbridge.core.sip;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a {@code sip:}, {@code sips:} or {@code tel:} URI that carry a number. Text without
 * a scheme is read like a {@code tel:} number; an unknown scheme keeps its whole text as user.
 *
 * @param scheme lower-cased scheme, empty when there is none
 * @param user percent-decoded user part (the number of a {@code tel:} URI), without parameters
 * @param host lower-cased host, empty for {@code tel:}
 * @param params URI and user-part parameters, keys lower-cased ({@code phone-context}, ...)
 * @param headers the raw text after {@code ?} (escaped headers such as {@code Reason=...})
 */
record SipUri(String scheme, String user, String host, Map<String, String> params, String headers) {

  static SipUri parse(String uri) {
    String text = uri.trim();
    int colon = schemeEnd(text);
    String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = text.substring(colon + 1);
    if (scheme.equals("sip") || scheme.equals("sips")) {
      return sip(scheme, rest);
    }
    if (!scheme.isEmpty() && !scheme.equals("tel")) {
      rest = text;
    }
    int semi = rest.indexOf(';');
    String number = semi < 0 ? rest : rest.substring(0, semi);
    return new SipUri(
        scheme, HeaderScanner.percentDecode(number), "", HeaderScanner.params(rest, semi), "");
  }

  private static SipUri sip(String scheme, String rest) {
    int question = rest.indexOf('?');
    String headers = question < 0 ? "" : rest.substring(question + 1);
    String address = question < 0 ? rest : rest.substring(0, question);
    int at = address.indexOf('@');
    String userPart = at < 0 ? "" : address.substring(0, at);
    String hostPart = at < 0 ? address : address.substring(at + 1);
    if (at < 0 && hostPart.startsWith("+")) {
      // Sloppy '<sip:+15551234567>' without a host: the number is what was meant.
      userPart = hostPart;
      hostPart = "";
    }
    int userSemi = userPart.indexOf(';');
    int hostSemi = hostPart.indexOf(';');
    Map<String, String> params = new HashMap<>(HeaderScanner.params(hostPart, hostSemi));
    // User-part parameters (RFC 3261 19.1.6: '5551234;phone-context=+1555@host') count too.
    HeaderScanner.params(userPart, userSemi).forEach(params::putIfAbsent);
    String user = userSemi < 0 ? userPart : userPart.substring(0, userSemi);
    String host = hostSemi < 0 ? hostPart : hostPart.substring(0, hostSemi);
    return new SipUri(
        scheme,
        HeaderScanner.percentDecode(user),
        host.trim().toLowerCase(Locale.ROOT),
        params,
        headers);
  }

  /** Index of the ':' ending a scheme (a letter, then letters, digits, '+', '-', '.'), or -1. */
  private static int schemeEnd(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ':') {
        return i > 0 ? i : -1;
      }
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean allowed = letter || (i > 0 && ((c >= '0' && c <= '9') || "+-.".indexOf(c) >= 0));
      if (!allowed) {
        return -1;
      }
    }
    return -1;
  }
}
