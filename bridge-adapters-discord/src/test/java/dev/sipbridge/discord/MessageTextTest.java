package dev.sipbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Splitting, packing and neutralising of message text, as properties. */
class MessageTextTest {

  @Property(tries = 300)
  void split_chunksFitJoinBackAndKeepSurrogatePairs(@ForAll("texts") String text) {
    checkSplit(text, MessageText.LIMIT);
  }

  @Property(tries = 300)
  void split_holdsForAnyLimit(
      @ForAll("shortTexts") String text, @ForAll @IntRange(min = 1, max = 40) int limit) {
    checkSplit(text, limit);
  }

  @Property(tries = 200)
  void packing_keepsLinesInOrderWithinTheLimit(@ForAll("lineLists") List<String> lines) {
    List<String> rebuilt = new ArrayList<>();
    int next = 0;
    while (next < lines.size()) {
      List<String> rest = lines.subList(next, lines.size());
      int taken = MessageText.takeFitting(rest, MessageText.LIMIT);
      List<String> group = rest.subList(0, taken);
      List<String> messages = MessageText.contents(group, MessageText.LIMIT);
      assertThat(messages).allMatch(m -> MessageText.length(m) <= MessageText.LIMIT);
      assertThat(messages).noneMatch(String::isBlank);
      if (taken > 1) {
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).split("\n", -1)).containsExactlyElementsOf(group);
      } else if (MessageText.length(group.get(0)) <= MessageText.LIMIT) {
        assertThat(messages).containsExactly(group.get(0));
      } else {
        assertThat(String.join("", MessageText.split(group.get(0), MessageText.LIMIT)))
            .isEqualTo(group.get(0));
      }
      // greedy: the next line would not have fitted into this message
      if (next + taken < lines.size()) {
        int size =
            MessageText.length(String.join("\n", group))
                + 1
                + MessageText.length(lines.get(next + taken));
        assertThat(size).isGreaterThan(MessageText.LIMIT);
      }
      rebuilt.addAll(group);
      next += taken;
    }
    assertThat(rebuilt).containsExactlyElementsOf(lines);
  }

  @Property(tries = 200)
  void neutralise_breaksEveryoneAndHere_andIsUndoneByRemovingTheInsertedSpaces(
      @ForAll("mentions") String text) {
    String safe = MessageText.neutralise(text);

    assertThat(safe).doesNotContain("@everyone").doesNotContain("@here");
    assertThat(safe.replace("@\u200Beveryone", "@everyone").replace("@\u200Bhere", "@here"))
        .isEqualTo(text);
  }

  @Example
  void split_cutsAfterTheLastWhitespaceThatFits() {
    assertThat(MessageText.split("aaa bbb ccc", 8)).containsExactly("aaa bbb ", "ccc");
  }

  @Example
  void split_withoutWhitespace_cutsAtCodePoints() {
    String emoji = "\uD83D\uDE00";
    assertThat(MessageText.split(emoji.repeat(3), 2)).containsExactly(emoji + emoji, emoji);
  }

  @Example
  void truncate_endsWithEllipsisWithinTheLimit() {
    assertThat(MessageText.truncate("abcdef", 4)).isEqualTo("abc\u2026");
    assertThat(MessageText.truncate("abc", 4)).isEqualTo("abc");
  }

  private static void checkSplit(String text, int limit) {
    List<String> chunks = MessageText.split(text, limit);

    assertThat(String.join("", chunks)).isEqualTo(text);
    if (text.isEmpty()) {
      assertThat(chunks).containsExactly("");
      return;
    }
    for (int i = 0; i < chunks.size(); i++) {
      String chunk = chunks.get(i);
      assertThat(MessageText.length(chunk)).isLessThanOrEqualTo(limit);
      assertThat(chunk).isNotEmpty();
      assertThat(Character.isLowSurrogate(chunk.charAt(0))).isFalse();
      assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).isFalse();
      boolean last = i == chunks.size() - 1;
      int end = chunk.codePointBefore(chunk.length());
      if (!last && !Character.isWhitespace(end)) {
        // cut inside a word only when no whitespace fitted
        assertThat(MessageText.length(chunk)).isEqualTo(limit);
        assertThat(chunk.codePoints().noneMatch(Character::isWhitespace)).isTrue();
      }
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return tokens(2500).list().ofMaxSize(12).map(MessageTextTest::concat);
  }

  @Provide
  Arbitrary<String> shortTexts() {
    return tokens(60).list().ofMinSize(1).ofMaxSize(6).map(MessageTextTest::concat);
  }

  @Provide
  Arbitrary<List<String>> lineLists() {
    Arbitrary<String> line =
        tokens(900)
            .list()
            .ofMaxSize(4)
            .map(MessageTextTest::concat)
            .map(s -> "Caller: " + s.replace('\n', ' '));
    return line.list().ofMaxSize(30);
  }

  @Provide
  Arbitrary<String> mentions() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "@everyone", "@here", "@", "every", "one ", "@@here", "x", " @everyone!", "@her");
    return piece.list().ofMaxSize(10).map(MessageTextTest::concat);
  }

  /** Words, whitespace runs, emoji, CJK and mixed code points, up to {@code maxRun} long. */
  private static Arbitrary<String> tokens(int maxRun) {
    Arbitrary<Integer> ascii = Arbitraries.integers().between('a', 'z');
    Arbitrary<Integer> cjk = Arbitraries.integers().between(0x4E00, 0x9FFF);
    Arbitrary<Integer> emoji = Arbitraries.integers().between(0x1F300, 0x1F64F);
    Arbitrary<Integer> space = Arbitraries.of((int) ' ', (int) '\t', (int) '\n', 0x3000);
    Arbitrary<Integer> any = Arbitraries.oneOf(ascii, cjk, emoji, space);
    Arbitrary<Integer> runs = Arbitraries.integers().between(1, maxRun);
    Arbitrary<String> run =
        Combinators.combine(Arbitraries.oneOf(ascii, cjk, emoji, space), runs)
            .as((cp, n) -> new String(Character.toChars(cp)).repeat(n));
    Arbitrary<String> mixed =
        any.list()
            .ofMaxSize(maxRun)
            .map(
                cps -> {
                  StringBuilder b = new StringBuilder();
                  cps.forEach(b::appendCodePoint);
                  return b.toString();
                });
    return Arbitraries.oneOf(run, mixed);
  }

  private static String concat(List<String> parts) {
    return String.join("", parts);
  }
}
