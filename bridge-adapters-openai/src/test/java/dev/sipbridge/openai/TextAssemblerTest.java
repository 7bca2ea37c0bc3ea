package dev.sipbridge.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextAssemblerTest {
  private final TextAssembler assembler = new TextAssembler(10);

  @Test
  void wholeMessage_returnedAsIs() {
    assertThat(assembler.append("{\"a\":1}", true)).isEqualTo("{\"a\":1}");
  }

  @Test
  void parts_joinedWhenLast() {
    assertThat(assembler.append("abc", false)).isNull();
    assertThat(assembler.append("def", false)).isNull();
    assertThat(assembler.append("g", true)).isEqualTo("abcdefg");
  }

  @Test
  void messageOverTheLimit_droppedAndNextOneFine() {
    assertThat(assembler.append("123456", false)).isNull();
    assertThat(assembler.append("789012", false)).isNull();
    assertThat(assembler.append("3", true)).isNull();
    assertThat(assembler.append("next", true)).isEqualTo("next");
  }

  @Test
  void singlePartOverTheLimit_dropped() {
    assertThat(assembler.append("12345678901", true)).isNull();
    assertThat(assembler.append("ok", true)).isEqualTo("ok");
  }
}
