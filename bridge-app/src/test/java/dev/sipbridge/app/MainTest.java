package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
  void portInUse_exits2WithOneLineNamingThePort() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ServerSocket taken = new ServerSocket();
        SimulatedOpenAi openAi = SimulatedOpenAi.start(ConversationScript.demo());
        LogCapture logs = new LogCapture()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      String port = String.valueOf(taken.getLocalPort());

      var exit = Main.run(List.of(), Map.of("OPENAI_API_KEY", "sk-test",
          "OPENAI_WEBHOOK_SECRET", WebhookSigner.randomSecret(),
          "OPENAI_BASE_URL", openAi.baseUrl().toString(), "PORT", port),
          new PrintStream(err, true, StandardCharsets.UTF_8));

      String printed = err.toString(StandardCharsets.UTF_8);
      assertThat(exit).contains(2);
      assertThat(printed.strip()).doesNotContain("\n").contains("port " + port, "PORT")
          .doesNotContain("Exception");
      assertThat(logs.withStackTraces()).isEmpty();
    }
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
