package dev.sipbridge.openai;

/**
 * Joins the parts of one incoming text message ({@code onText(data, last)}). A message longer than
 * the limit is dropped whole rather than buffered. Not thread-safe: the JDK calls {@code onText}
 * serially.
 */
final class TextAssembler {
  private final int maxChars;
  private StringBuilder partial;
  private boolean oversized;

  TextAssembler(int maxChars) {
    this.maxChars = maxChars;
  }

  /**
   * The complete message when {@code last}, else null. Null with {@code last} means the message was
   * over the limit and is dropped.
   */
  String append(CharSequence data, boolean last) {
    if (partial == null && !oversized && last) {
      // the common case: a whole message in one part, no copy into a buffer
      return data.length() <= maxChars ? data.toString() : null;
    }
    if (!oversized) {
      if (partial == null) {
        partial = new StringBuilder();
      }
      oversized = partial.length() + data.length() > maxChars;
      partial = oversized ? null : partial.append(data);
    }
    if (!last) {
      return null;
    }
    String message = oversized ? null : partial.toString();
    partial = null; // a big message's buffer must not outlive it
    oversized = false;
    return message;
  }
}
