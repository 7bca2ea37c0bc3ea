package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void badConfiguration_exits2WithOneLineNamingTheVariables() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    var exit = Main.run(List.of(), Map.of("OPENAI_API_KEY", "sk-SECRET", "PORT", "eighty"),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).contains(2);
    assertThat(printed.strip()).doesNotContain("\n")
        .contains("OPENAI_WEBHOOK_SECRET", "PORT")
        .doesNotContain("sk-SECRET")
        .doesNotContain("Exception");
  }

  @Test
  void unknownArgument_exits2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    var exit = Main.run(List.of("serve"), Map.of(), new PrintStream(err, true,
        StandardCharsets.UTF_8));

    assertThat(exit).contains(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
  }
}
