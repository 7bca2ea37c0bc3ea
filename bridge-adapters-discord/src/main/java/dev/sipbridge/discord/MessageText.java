package dev.sipbridge.discord;

import java.util.ArrayList;
import java.util.List;

/**
 * Text rules of Discord messages: lengths in Unicode code points (as Discord counts them), mention
 * neutralising, splitting of long lines and packing of queued lines into one message.
 */
final class MessageText {
  /** Discord's limit on {@code content}, in code points. */
  static final int LIMIT = 2000;

  private static final String ZERO_WIDTH_SPACE = "\u200B";

  private MessageText() {}

  /** Length as Discord counts it: code points, not UTF-16 units. */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * Breaks {@code @everyone} and {@code @here} with a zero-width space after the {@code @}, so they
   * neither ping (allowed_mentions does that too) nor render highlighted. Other text is unchanged.
   */
  static String neutralise(String s) {
    return s.replace("@everyone", "@" + ZERO_WIDTH_SPACE + "everyone")
        .replace("@here", "@" + ZERO_WIDTH_SPACE + "here");
  }

  /**
   * Splits {@code text} into chunks of at most {@code limit} code points whose concatenation is
   * exactly {@code text}. Each cut falls right after the last whitespace that fits, or, in a run
   * without whitespace, at a code-point boundary (never inside a surrogate pair).
   */
  static List<String> split(String text, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was: " + limit);
    }
    List<String> chunks = new ArrayList<>();
    int start = 0;
    while (text.codePointCount(start, text.length()) > limit) {
      int hardEnd = text.offsetByCodePoints(start, limit);
      int cut = hardEnd;
      for (int i = hardEnd; i > start; ) {
        int cp = text.codePointBefore(i);
        if (Character.isWhitespace(cp)) {
          cut = i;
          break;
        }
        i -= Character.charCount(cp);
      }
      chunks.add(text.substring(start, cut));
      start = cut;
    }
    chunks.add(text.substring(start));
    return chunks;
  }

  /**
   * How many leading {@code texts} share one message when joined with newlines within {@code limit}
   * code points; at least 1 (a single text may be too long and is then split).
   */
  static int takeFitting(List<String> texts, int limit) {
    int total = length(texts.get(0));
    if (total > limit) {
      return 1;
    }
    int taken = 1;
    while (taken < texts.size()) {
      int next = total + 1 + length(texts.get(taken));
      if (next > limit) {
        break;
      }
      total = next;
      taken++;
    }
    return taken;
  }

  /**
   * The message contents for texts chosen by {@link #takeFitting}: several texts become one
   * newline-joined message; one text becomes its chunks, leaving out whitespace-only chunks, which
   * Discord refuses as empty.
   */
  static List<String> contents(List<String> taken, int limit) {
    if (taken.size() > 1) {
      return List.of(String.join("\n", taken));
    }
    List<String> out = new ArrayList<>();
    for (String chunk : split(taken.get(0), limit)) {
      if (!chunk.isBlank()) {
        out.add(chunk);
      }
    }
    return out;
  }

  /** {@code s} cut to {@code limit} code points, ending in an ellipsis when it was cut. */
  static String truncate(String s, int limit) {
    if (length(s) <= limit) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, limit - 1)) + "\u2026";
  }
}
