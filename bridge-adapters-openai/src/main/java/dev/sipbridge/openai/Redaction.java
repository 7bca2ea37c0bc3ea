package dev.sipbridge.openai;

import java.util.regex.Pattern;

/**
 * Makes text from outside (SDK exceptions, error bodies, socket close reasons) safe to put into an
 * exception message or a log line: no credential survives, and the text stays short.
 */
final class Redaction {
  private static final int MAX_LENGTH = 300;
  // A fake or a proxy may echo the Authorization header or a key back at us.
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)\\S+");
  private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk-|whsec_)[A-Za-z0-9_*.+/=-]+");

  private Redaction() {}

  /** {@code text} with every given secret, bearer token and key-shaped word masked. */
  static String scrub(String text, String... secrets) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, "****");
      }
    }
    out = BEARER.matcher(out).replaceAll("$1****");
    out = KEY_LIKE.matcher(out).replaceAll("$1****");
    out = out.replaceAll("\\s+", " ").trim();
    return out.length() <= MAX_LENGTH ? out : out.substring(0, MAX_LENGTH) + "...";
  }
}
