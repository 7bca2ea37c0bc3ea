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

    var exit =
        Main.run(
            List.of(),
            Map.of("OPENAI_API_KEY", "sk-SECRET", "PORT", "eighty"),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).contains(2);
    assertThat(printed.strip())
        .doesNotContain("\n")
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

      var exit =
          Main.run(
              List.of(),
              Map.of(
                  "OPENAI_API_KEY",
                  "sk-test",
                  "OPENAI_WEBHOOK_SECRET",
                  WebhookSigner.randomSecret(),
                  "OPENAI_BASE_URL",
                  openAi.baseUrl().toString(),
                  "PORT",
                  port),
              new PrintStream(err, true, StandardCharsets.UTF_8));

      String printed = err.toString(StandardCharsets.UTF_8);
      assertThat(exit).contains(2);
      assertThat(printed.strip())
          .doesNotContain("\n")
          .contains("port " + port, "PORT")
          .doesNotContain("Exception");
      assertThat(logs.withStackTraces()).isEmpty();
    }
  }

  @Test
  void unknownCommand_exits2WithOneLineAndAHint() {
    Printed printed = run("serv");

    assertThat(printed.exit).contains(2);
    assertThat(printed.out).isEmpty();
    assertThat(printed.err.lines())
        .containsExactly(
            "sip-realtime-bridge: unknown command 'serv' (commands: serve, demo, warmup, help)",
            "Try 'java -jar sip-realtime-bridge.jar --help'.");
  }

  @Test
  void unknownOption_exits2NamingIt() {
    Printed root = run("--port", "8080");
    Printed demo = run("demo", "--consol");

    assertThat(root.exit).contains(2);
    assertThat(root.err.lines())
        .containsExactly(
            "sip-realtime-bridge: unknown option '--port'",
            "Try 'java -jar sip-realtime-bridge.jar --help'.");
    assertThat(demo.exit).contains(2);
    assertThat(demo.err.lines())
        .containsExactly(
            "sip-realtime-bridge: unknown option '--consol'",
            "Try 'java -jar sip-realtime-bridge.jar demo --help'.");
    assertThat(run("demo", "now").err).startsWith("sip-realtime-bridge: unexpected argument 'now'");
  }

  @Test
  void help_listsTheCommandsAndWhereTheConfigurationIsDescribed() {
    for (String flag : List.of("--help", "-h", "help")) {
      Printed printed = run(flag);

      assertThat(printed.exit).as(flag).contains(0);
      assertThat(printed.err).as(flag).isEmpty();
      assertThat(printed.out)
          .as(flag)
          .startsWith("Usage: java -jar sip-realtime-bridge.jar [-hV] [COMMAND]")
          .contains("serve ", "demo ", "help ", "--version", "docs/configuration.md");
    }
  }

  @Test
  void demoHelp_describesTheConsoleOption() {
    Printed flag = run("demo", "--help");
    Printed command = run("help", "demo");

    assertThat(flag.exit).contains(0);
    assertThat(flag.out)
        .startsWith("Usage: java -jar sip-realtime-bridge.jar demo [-h] [--console]")
        .contains("--console", "no credentials");
    assertThat(command.exit).contains(0);
    assertThat(command.out).isEqualTo(flag.out);
    assertThat(run("help", "nothing").exit).contains(2);
  }

  @Test
  void version_printsTheProjectsVersion() {
    for (String flag : List.of("--version", "-V")) {
      Printed printed = run(flag);

      assertThat(printed.exit).contains(0);
      assertThat(printed.err).isEmpty();
      // The version comes from the POM (version.properties is filtered by Maven).
      assertThat(printed.out.strip())
          .matches("sip-realtime-bridge \\d+\\.\\d+\\.\\d+.*")
          .isEqualTo("sip-realtime-bridge " + CommandLineSpec.version());
    }
  }

  @Test
  void serve_isTheServerAsWithoutArguments() {
    Printed printed = run("serve");

    // The server path: with no configuration it stops at the configuration check.
    assertThat(printed.exit).contains(2);
    assertThat(printed.err.strip())
        .startsWith("sip-realtime-bridge: ")
        .contains("OPENAI_API_KEY")
        .doesNotContain("\n");
  }

  private record Printed(java.util.Optional<Integer> exit, String out, String err) {}

  private static Printed run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    var exit =
        Main.run(
            List.of(args),
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Printed(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
