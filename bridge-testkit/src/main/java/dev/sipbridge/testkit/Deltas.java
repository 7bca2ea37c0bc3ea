package dev.sipbridge.testkit;

import java.util.ArrayList;
import java.util.List;

/** Cuts an utterance into streaming deltas whose concatenation is exactly the utterance. */
final class Deltas {
  private Deltas() {}

  /**
   * Splits {@code text} into {@code count} pieces of roughly equal length ({@code count} 0: one
   * piece per word, the separating whitespace leading the word, as the service streams it). Never
   * splits a surrogate pair; a blank text gives no pieces.
   */
  static List<String> split(String text, int count) {
    List<String> out = new ArrayList<>();
    if (text.isBlank()) {
      return out;
    }
    if (count == 0) {
      int start = 0;
      for (int i = 1; i < text.length(); i++) {
        if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
          out.add(text.substring(start, i));
          start = i;
        }
      }
      out.add(text.substring(start));
      return out;
    }
    int pieces = Math.min(count, text.codePointCount(0, text.length()));
    int start = 0;
    for (int i = 1; i <= pieces; i++) {
      int end = i == pieces ? text.length() : (int) ((long) text.length() * i / pieces);
      if (end > 0 && end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
        end++;
      }
      if (end > start) {
        out.add(text.substring(start, end));
        start = end;
      }
    }
    return out;
  }
}
