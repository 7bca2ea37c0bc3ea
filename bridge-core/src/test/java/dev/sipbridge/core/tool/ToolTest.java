package dev.sipbridge.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToolTest {
  private static final ToolHandler OK = call -> ToolResult.ok("{}");

  @Test
  void withoutParameters_hasAnEmptyObjectSchema() {
    Tool tool = Tool.withoutParameters("end_call", "Hang up", OK);

    assertThat(tool.parameters().path("type").asText()).isEqualTo("object");
    assertThat(tool.parameters().path("properties").isObject()).isTrue();
  }

  @Test
  void nullDescription_becomesEmpty() {
    assertThat(Tool.withoutParameters("x", null, OK).description()).isEmpty();
  }

  @Test
  void badName_isRefused() {
    assertThatThrownBy(() -> Tool.withoutParameters("has space", "", OK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has space");
    assertThatThrownBy(() -> Tool.withoutParameters("a".repeat(65), "", OK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parametersNotJson_isRefused() {
    assertThatThrownBy(() -> Tool.of("lookup", "", "{not json", OK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lookup");
  }

  @Test
  void parametersNotAnObject_isRefused() {
    assertThatThrownBy(() -> Tool.of("lookup", "", "[1,2]", OK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("object");
  }
}
