package dev.sipbridge.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The jar's commands and options, built with picocli's programmatic API: no annotations to scan, so
 * the command line costs no reflection at start-up. {@link Main} runs what it parses.
 */
final class CommandLineSpec {
  static final String SERVE = "serve";
  static final String DEMO = "demo";
  static final String WARMUP = "warmup";
  static final String CONSOLE = "--console";
  private static final String NAME = "java -jar sip-realtime-bridge.jar";

  private CommandLineSpec() {}

  /**
   * Parses {@code args}; help and version requests print to {@code out}, usage errors to {@code
   * err}.
   *
   * @throws ParameterException for an unknown command or option
   */
  static ParseResult parse(List<String> args, PrintStream out, PrintStream err) {
    CommandLine commandLine = new CommandLine(root());
    commandLine.setExpandAtFiles(false); // "@name" is an argument, never a file to read
    // Set after the subcommands exist: picocli hands the writers down to those present.
    commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return commandLine.parseArgs(args.toArray(String[]::new));
  }

  /** One line saying what was wrong, in words for the operator rather than the parser. */
  static String describe(ParameterException e) {
    if (e instanceof UnmatchedArgumentException unmatched) {
      // The first stray word is the mistake; picocli would list the rest (an option's value) too.
      String first = unmatched.getUnmatched().get(0);
      var commands = e.getCommandLine().getSubcommands().keySet();
      if (unmatched.isUnknownOption()) {
        return "unknown option '" + first + "'";
      }
      return commands.isEmpty()
          ? "unexpected argument '" + first + "'"
          : "unknown command '" + first + "' (commands: " + String.join(", ", commands) + ")";
    }
    return e.getMessage();
  }

  /** "0.2.0": the project's version, which Maven writes into version.properties. */
  static String version() {
    try (InputStream in = CommandLineSpec.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CommandSpec root() {
    CommandSpec root =
        CommandSpec.create()
            .name(NAME)
            .versionProvider(() -> new String[] {"sip-realtime-bridge " + version()})
            .addOption(help())
            .addOption(
                OptionSpec.builder("-V", "--version")
                    .versionHelp(true)
                    .description("Print the version and exit.")
                    .build());
    root.usageMessage()
        .description(
            "Puts an OpenAI realtime voice agent on a phone line. Without a command,"
                + " runs the bridge (as 'serve').")
        .commandListHeading("%nCommands:%n")
        .footerHeading("%n")
        .footer(
            "Configuration comes from environment variables (and a .env file in the working"
                + " directory); docs/configuration.md lists them all.",
            "Exit status: 0 when done; 2 for an unknown command or option, bad configuration or a"
                + " port in use (one line on stderr says which).");
    root.addSubcommand(
        SERVE,
        command(
            "Run the bridge: the OpenAI webhook, health, metrics, the"
                + " operator API and console. The default."));
    CommandSpec demo =
        command(
            "Play one simulated call through the real bridge: no credentials,"
                + " no network. Exits 0 when the whole transcript arrived in order.");
    demo.addOption(
        OptionSpec.builder(CONSOLE)
            .description(
                "Keep the bridge and the simulated OpenAI running, a call every few"
                    + " seconds, and print the operator console's address and a token to log in with"
                    + " (docs/console.md). Ctrl-C stops it.")
            .build());
    root.addSubcommand(DEMO, demo);
    root.addSubcommand(
        WARMUP,
        command(
            "Play the service's start-up warm-up alone (synthetic calls"
                + " against simulators on 127.0.0.1) and exit: the training run of the image's AOT"
                + " cache."));
    // picocli's ready-made `help [COMMAND]`: one small class, the only one read by reflection.
    root.addSubcommand("help", new CommandLine(new CommandLine.HelpCommand()));
    return root;
  }

  private static CommandSpec command(String description) {
    CommandSpec spec = CommandSpec.create().addOption(help());
    spec.usageMessage().description(description);
    return spec;
  }

  private static OptionSpec help() {
    return OptionSpec.builder("-h", "--help")
        .usageHelp(true)
        .description("Show this help and exit.")
        .build();
  }
}
