package dev.sipbridge.app;

import dev.sipbridge.app.demo.ConsoleDemo;
import dev.sipbridge.app.demo.Demo;
import dev.sipbridge.app.http.BridgeServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar sip-realtime-bridge.jar} runs the bridge; {@code ... demo} runs the
 * no-credential demo against a simulated OpenAI ({@code demo --console}: calls keep coming and
 * the console shows them); {@code ... warmup} plays the service's start-up warm-up alone, with
 * more calls, and exits (the training run of the image's AOT cache). The load benchmark is its
 * own jar, bridge-bench (docs/performance.md). Bad configuration exits 2 with one line on stderr
 * naming every bad variable; so does a port the server cannot listen on.
 */
public final class Main {
  public static final int BAD_CONFIG = 2;
  private static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0) {
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
   * On a two-core host the common pool has one thread, and CompletableFuture's default executor
   * is then a new thread per task; the JDK's HTTP client runs every socket handshake's completion
   * there, one thread per call. Two threads make it a pool (docs/performance.md). The server
   * only: it must run before anything touches CompletableFuture.
   */
  private static void commonPoolOnSmallHosts() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
  }

  /**
   * Starts what the arguments ask for.
   *
   * @return the exit status when the program is done, or empty while the server runs on
   */
  static Optional<Integer> run(List<String> args, Map<String, String> env, PrintStream err) {
    if (args.equals(List.of("demo"))) {
      if (!env.containsKey("LOG_LEVEL")) {
        // The demo prints the conversation; keep the bridge's own logs to problems.
        System.setProperty("LOG_LEVEL", "WARN");
      }
      return Optional.of(Demo.run(env, System.out));
    }
    if (args.equals(List.of("warmup"))) {
      // The training run of the image's AOT cache: the service's warm-up alone, then exit.
      WarmUp.Report report = WarmUp.run(true, WarmUp.TRAINING_CALLS, WarmUp.TRAINING_BUDGET);
      return Optional.of(report.ended() > 0 ? 0 : 1);
    }
    if (args.equals(List.of("demo", "--console"))) {
      if (!env.containsKey("LOG_LEVEL")) {
        System.setProperty("LOG_LEVEL", "WARN"); // the console is the show
      }
      return Optional.of(ConsoleDemo.run(env, System.out));
    }
    if (!args.isEmpty()) {
      err.println("usage: java -jar sip-realtime-bridge.jar [demo [--console] | warmup]");
      return Optional.of(BAD_CONFIG);
    }
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
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      bridge.shutdown();
      // A JVM stopped by SIGTERM exits 143 by default; a drained, flushed stop is a clean one.
      Runtime.getRuntime().halt(0);
    }, "shutdown"));
    return Optional.empty();
  }
}
