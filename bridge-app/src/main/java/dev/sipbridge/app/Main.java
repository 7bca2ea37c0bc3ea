package dev.sipbridge.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar sip-realtime-bridge.jar} runs the bridge; {@code ... demo} runs the
 * no-credential demo against simulated OpenAI. Bad configuration exits 2 with one line on stderr.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Map<String, String> env = EnvFile.merged(System.getenv(), Path.of(".env"));
    if ("json".equals(env.get("LOG_FORMAT"))) {
      // Before the first logger exists: logback reads this once.
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    List<String> arguments = List.of(args);
    if (arguments.contains("demo")) {
      System.exit(Demo.run(env));
    }
    if (!arguments.isEmpty()) {
      System.err.println("usage: java -jar sip-realtime-bridge.jar [demo]");
      System.exit(2);
    }
    BridgeConfig config;
    try {
      config = BridgeConfig.fromEnv(env);
    } catch (ConfigException e) {
      System.err.println("sip-realtime-bridge: " + e.getMessage());
      System.exit(2);
      return;
    }
    Bridge bridge = Bridge.start(config, List.of());
    Runtime.getRuntime().addShutdownHook(new Thread(bridge::shutdown, "shutdown"));
  }
}
