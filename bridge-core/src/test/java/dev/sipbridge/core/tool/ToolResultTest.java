package dev.sipbridge.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ToolResultTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void failed_isJsonWithTheReasonEscaped() throws Exception {
    ToolResult r = ToolResult.failed("bad \"quote\" and\nnewline");

    assertThat(r.ok()).isFalse();
    assertThat(JSON.readTree(r.output()).path("error").asText())
        .isEqualTo("bad \"quote\" and\nnewline");
    assertThat(r).isInstanceOf(ToolResult.Failed.class);
    assertThat(((ToolResult.Failed) r).reason()).isEqualTo("bad \"quote\" and\nnewline");
  }

  @Test
  void failedWithoutReason_saysFailed() throws Exception {
    assertThat(JSON.readTree(ToolResult.failed(" ").output()).path("error").asText())
        .isEqualTo("failed");
    assertThat(JSON.readTree(ToolResult.failed(null).output()).path("error").asText())
        .isEqualTo("failed");
  }

  @Test
  void okThen_carriesTheAction() {
    Runnable action = () -> {};
    ToolResult r = ToolResult.okThen("{\"ok\":true}", action);

    assertThat(r.ok()).isTrue();
    assertThat(r).isInstanceOf(ToolResult.OkThen.class);
    assertThat(((ToolResult.OkThen) r).action()).isSameAs(action);
    assertThat(ToolResult.ok("x")).isEqualTo(new ToolResult.Ok("x"));
  }
}
