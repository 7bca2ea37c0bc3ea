package dev.sipbridge.core.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hand-written, single-pass scanning of SIP header text: top-level comma splitting, {@code ;}
 * parameters, quoted strings and percent-escapes. Every method is linear in its input and never
 * throws on malformed text (unbalanced quotes or brackets simply run to the end).
 */
final class HeaderScanner {
  private HeaderScanner() {}

  /** Splits on commas outside quotes and angle brackets; blank entries are dropped. */
  static List<String> entries(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    int start = 0;
    boolean quoted = false;
    boolean angle = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (angle) {
        angle = c != '>';
      } else if (c == '"') {
        quoted = true;
      } else if (c == '<') {
        angle = true;
      } else if (c == ',') {
        addTrimmed(out, value.substring(start, i));
        start = i + 1;
      }
    }
    addTrimmed(out, value.substring(Math.min(start, value.length())));
    return out;
  }

  /**
   * Reads {@code ;key=value} parameters of {@code text} starting at {@code from} (the index of the
   * first {@code ;}, or -1 for none). Keys are lower-cased, values unquoted; the first of a
   * repeated key wins.
   */
  static Map<String, String> params(String text, int from) {
    if (from < 0 || from >= text.length()) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    int start = from;
    boolean quoted = false;
    for (int i = from; i <= text.length(); i++) {
      boolean end = i == text.length();
      char c = end ? ';' : text.charAt(i);
      if (quoted && !end) {
        if (c == '\\' && i + 1 < text.length()) {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ';') {
        addParam(out, text.substring(start, i));
        start = i + 1;
      }
    }
    return out;
  }

  /** {@code "a \"b\""} becomes {@code a "b"}; text not starting with a quote is returned as is. */
  static String unquote(String text) {
    if (text.isEmpty() || text.charAt(0) != '"') {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        break;
      }
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Index just after the closing quote of the quoted string at {@code open}, or -1 if unclosed. */
  static int endOfQuoted(String text, int open) {
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  /** Decodes {@code %XX} escapes once (as UTF-8); malformed escapes are kept literally. */
  static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    byte[] pending = new byte[text.length() / 3 + 1];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int hi = c == '%' && i + 2 < text.length() ? hex(text.charAt(i + 1)) : -1;
      int lo = hi >= 0 ? hex(text.charAt(i + 2)) : -1;
      if (lo >= 0) {
        pending[n++] = (byte) (hi << 4 | lo);
        i += 2;
        continue;
      }
      if (n > 0) {
        out.append(new String(pending, 0, n, StandardCharsets.UTF_8));
        n = 0;
      }
      out.append(c);
    }
    if (n > 0) {
      out.append(new String(pending, 0, n, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /**
   * Keeps printable ASCII only (no spaces or control characters, so header text cannot forge log
   * lines), lower-cased and at most {@code max} characters.
   */
  static String token(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      if (c > ' ' && c < 0x7f) {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static int hex(char c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }

  private static void addTrimmed(List<String> out, String entry) {
    String trimmed = entry.trim();
    if (!trimmed.isEmpty()) {
      out.add(trimmed);
    }
  }

  private static void addParam(Map<String, String> out, String segment) {
    int eq = segment.indexOf('=');
    String key = (eq < 0 ? segment : segment.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
    if (!key.isEmpty()) {
      out.putIfAbsent(key, eq < 0 ? "" : unquote(segment.substring(eq + 1).trim()));
    }
  }
}
