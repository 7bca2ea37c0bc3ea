package dev.sipbridge.app;

import dev.sipbridge.app.demo.ConsoleDemo;
import dev.sipbridge.app.demo.Demo;
import dev.sipbridge.app.http.BridgeServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code java -jar sip-realtime-bridge.jar} (or {@code ... serve}) runs the bridge; {@code ...
 * demo} runs the no-credential demo against a simulated OpenAI ({@code demo --console}: calls keep
 * coming and the console shows them; the load benchmark is its own jar, bridge-bench:
 * docs/performance.md); {@code ... warmup} plays the service's start-up warm-up alone, with more
 * calls, and exits (the training run of the image's AOT cache). {@code --help}, {@code --version}
 * and {@code help <command>} print to stdout; the commands and options are in {@link
 * CommandLineSpec}. An unknown command or option exits 2 with one line on stderr and a hint; so
 * does bad configuration (the line names every bad variable) and a port the server cannot listen
 * on.
 */
public final class Main {
  public static final int BAD_CONFIG = 2;

  /** An unknown command or option: the same status as bad configuration. */
  public static final int BAD_USAGE = 2;

  private static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals(CommandLineSpec.SERVE)) {
      commonPoolOnSmallHosts();
    }
    Map<String, String> env = EnvFile.merged(System.getenv(), Path.of(".env"));
    // Before the first logger exists: LogSetup reads these once, and .env values are not in the
    // process environment.
    for (String name : new String[] {"LOG_FORMAT", "LOG_LEVEL"}) {
      if (env.containsKey(name) && System.getProperty(name) == null) {
        System.setProperty(name, env.get(name));
      }
    }
    Optional<Integer> exit = run(List.of(args), env, System.err);
    exit.ifPresent(System::exit);
  }

  /**
   * On a two-core host the common pool has one thread, and CompletableFuture's default executor is
   * then a new thread per task; the JDK's HTTP client runs every socket handshake's completion
   * there, one thread per call. Two threads make it a pool (docs/performance.md). The server only:
   * it must run before anything touches CompletableFuture.
   */
  private static void commonPoolOnSmallHosts() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
  }

  /** {@link #run(List, Map, PrintStream, PrintStream)} printing help and the demo to stdout. */
  static Optional<Integer> run(List<String> args, Map<String, String> env, PrintStream err) {
    return run(args, env, System.out, err);
  }

  /**
   * Starts what the arguments ask for.
   *
   * @return the exit status when the program is done, or empty while the server runs on
   */
  static Optional<Integer> run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.equals(List.of(CommandLineSpec.SERVE))) {
      // Loading picocli costs ~0.1 s of CPU: the server's way to ready does without it.
      return serve(env, err);
    }
    ParseResult command;
    try {
      command = CommandLineSpec.parse(args, out, err);
      Integer helped = CommandLine.executeHelpRequest(command);
      if (helped != null) {
        return Optional.of(helped);
      }
    } catch (ParameterException e) {
      err.println("sip-realtime-bridge: " + CommandLineSpec.describe(e));
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return Optional.of(BAD_USAGE);
    }
    ParseResult sub = command.subcommand();
    if (sub != null && sub.commandSpec().name().equals(CommandLineSpec.DEMO)) {
      if (!env.containsKey("LOG_LEVEL")) {
        // The demo prints the conversation (or the console is the show): keep the bridge's own
        // logs to problems.
        System.setProperty("LOG_LEVEL", "WARN");
      }
      return Optional.of(
          sub.hasMatchedOption(CommandLineSpec.CONSOLE)
              ? ConsoleDemo.run(env, out)
              : Demo.run(env, out));
    }
    if (sub != null && sub.commandSpec().name().equals(CommandLineSpec.WARMUP)) {
      // The training run of the image's AOT cache: the service's warm-up alone, then exit.
      WarmUp.Report report = WarmUp.run(true, WarmUp.TRAINING_CALLS, WarmUp.TRAINING_BUDGET);
      report.stopped().join(); // the cache records the stop's classes too
      return Optional.of(report.ended() > 0 ? 0 : 1);
    }
    return serve(env, err);
  }

  private static Optional<Integer> serve(Map<String, String> env, PrintStream err) {
    BridgeConfig config;
    try {
      config = BridgeConfig.fromEnv(env);
    } catch (ConfigException e) {
      err.println("sip-realtime-bridge: " + e.getMessage());
      return Optional.of(BAD_CONFIG);
    }
    Bridge bridge;
    try {
      bridge = Bridge.startWarmedUp(config, Extensions.none(), WarmUp.CALLS, WarmUp.BUDGET);
    } catch (BridgeServer.PortUnavailable e) {
      err.println("sip-realtime-bridge: " + e.getMessage() + " (PORT)");
      return Optional.of(BAD_CONFIG);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  bridge.shutdown();
                  // A JVM stopped by SIGTERM exits 143 by default; a drained, flushed stop is a
                  // clean one.
                  Runtime.getRuntime().halt(0);
                },
                "shutdown"));
    return Optional.empty();
  }
}
