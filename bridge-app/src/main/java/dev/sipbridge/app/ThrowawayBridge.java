package dev.sipbridge.app;

import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm-up's bridge: wired exactly as the service, but pointed at a simulated OpenAI and Discord
 * of its own on 127.0.0.1, with its own temporary store, metrics and sinks, so that nothing of its
 * synthetic calls reaches the real ones. Started in two steps (simulators, then the bridge) so that
 * {@link WarmUp} can time each; {@link #stop()} stops whatever of it started.
 */
final class ThrowawayBridge {
  private static final Logger LOG = LoggerFactory.getLogger(ThrowawayBridge.class);

  /** Calls still under way at the budget's end may end for this long rather than being cut. */
  static final Duration DRAIN = Duration.ofSeconds(1);

  private final String secret = WebhookSigner.randomSecret();
  private SimulatedOpenAi openAi;
  private SimulatedDiscord discord;
  private Path dataDir;
  private Bridge bridge;

  void startSimulators(ConversationScript script) {
    openAi = SimulatedOpenAi.start(script);
    discord = SimulatedDiscord.start();
  }

  /**
   * @param toDiscord whether the service has a Discord sink: then this one posts to the simulated
   *     Discord, so that the adapter the service will use is the one warmed
   */
  void startBridge(ConversationScript script, boolean toDiscord, int calls, Extensions extensions)
      throws IOException {
    dataDir = Files.createTempDirectory("bridge-warmup");
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_API_KEY", "sk-warmup-not-a-real-key");
    env.put("OPENAI_WEBHOOK_SECRET", secret);
    env.put("OPENAI_BASE_URL", openAi.baseUrl().toString());
    env.put("WELCOME_MESSAGE", script.greeting().orElse(""));
    env.put("PORT", "0");
    // its own store, thrown away after: synthetic calls never reach the service's records
    env.put("DATA_DIR", dataDir.toString());
    // calls still under way when the budget ends run out on a draining bridge, instead of being
    // cut (which would log sink and webhook warnings about made-up calls)
    env.put("DRAIN_SECONDS", Long.toString(DRAIN.toSeconds()));
    env.put("MAX_CONCURRENT_CALLS", Integer.toString(calls + 1));
    if (toDiscord) {
      env.put("DISCORD_WEBHOOK_URL", discord.webhookUrl().toString());
      env.put("DISCORD_MIN_INTERVAL_MS", "0");
    }
    bridge = Bridge.start(BridgeConfig.fromEnv(env), extensions);
  }

  int port() {
    return bridge.port();
  }

  String secret() {
    return secret;
  }

  /** Stops the bridge (without its shutdown log lines), the simulators, and deletes the store. */
  void stop() {
    try {
      if (bridge != null) {
        bridge.stop();
      }
    } finally {
      closeQuietly(discord);
      closeQuietly(openAi);
      deleteQuietly(dataDir);
    }
  }

  private static void closeQuietly(AutoCloseable simulator) {
    if (simulator == null) {
      return;
    }
    try {
      simulator.close();
    } catch (Exception e) {
      LOG.debug("warm-up simulator not closed: {}", e.toString());
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      LOG.debug("warm-up store {} not deleted: {}", dir, e.toString());
    }
  }
}
