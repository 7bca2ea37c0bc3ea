package dev.sipbridge.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {
  private static final ToolHandler OK = call -> ToolResult.ok("{}");

  @Test
  void find_byNameAndKeepsRegistrationOrder() {
    Tool b = Tool.withoutParameters("b_tool", "", OK);
    Tool a = Tool.withoutParameters("a_tool", "", OK);
    ToolRegistry registry = new ToolRegistry(List.of(b, a));

    assertThat(registry.find("a_tool")).containsSame(a);
    assertThat(registry.all()).containsExactly(b, a);
  }

  @Test
  void unknownOrNullName_isEmpty() {
    ToolRegistry registry = new ToolRegistry(List.of(Tool.withoutParameters("a", "", OK)));

    assertThat(registry.find("nope")).isEmpty();
    assertThat(registry.find(null)).isEmpty();
    assertThat(ToolRegistry.empty().all()).isEmpty();
  }

  @Test
  void twoToolsWithOneName_isRefused() {
    List<Tool> tools =
        List.of(Tool.withoutParameters("same", "", OK), Tool.withoutParameters("same", "", OK));

    assertThatThrownBy(() -> new ToolRegistry(tools))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same");
  }
}
