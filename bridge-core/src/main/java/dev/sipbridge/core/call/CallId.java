package dev.sipbridge.core.call;

import java.util.regex.Pattern;

/**
 * OpenAI's id of one SIP call ({@code rtc_...}): the key of every per-call path and of the realtime
 * socket. Only ids of OpenAI's shape are taken, {@code rtc_} and up to 124 letters, digits, {@code
 * _} or {@code -}: an id goes into URLs, file names and every log line of its call, so a CR/LF, a
 * {@code ..} or ten kilobytes must never get that far.
 */
public record CallId(String value) {
  /** The longest id taken; OpenAI's are 36 characters ({@code rtc_} and 32 hex digits). */
  public static final int MAX_LENGTH = 128;

  private static final Pattern SHAPE = Pattern.compile("rtc_[A-Za-z0-9_-]+");

  /** How much of a refused id an error message shows. */
  private static final int SHOWN = 40;

  /**
   * @throws IllegalArgumentException when {@code value} is not of OpenAI's shape
   */
  public CallId {
    if (value == null || value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "call id must be rtc_ and at most "
              + (MAX_LENGTH - 4)
              + " letters, digits, _ or -, was "
              + printable(value));
    }
  }

  /**
   * {@code raw} fit for one log line: quoted, control and non-ASCII characters escaped, cut to its
   * first 40 characters (the length follows).
   */
  public static String printable(String raw) {
    if (raw == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < Math.min(raw.length(), SHOWN); i++) {
      char c = raw.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    if (raw.length() > SHOWN) {
      out.append("... (").append(raw.length()).append(" chars)");
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return value;
  }
}
