package dev.sipbridge.app;

import dev.sipbridge.core.call.AgentProfile;
import dev.sipbridge.core.store.TokenPrices;
import dev.sipbridge.store.Database;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge's whole configuration, read once from the environment (SPEC §1). Secrets are {@link
 * Secret}s, so printing this record shows none.
 */
public record BridgeConfig(
    OpenAi openAi,
    AgentProfile agent,
    Optional<Discord> discord,
    Optional<Twilio> twilio,
    Optional<String> transferTarget,
    Optional<String> dtmfTransferDigit,
    Optional<java.nio.file.Path> transcriptDir,
    Server server,
    Store store,
    Operator operator) {

  /**
   * The operator API and console.
   *
   * @param token unset: {@code /api} and {@code /console} are off
   * @param metricsRequireToken {@code /metrics} needs the token too
   */
  public record Operator(Optional<Secret> token, boolean metricsRequireToken) {
    public static final Operator OFF = new Operator(Optional.empty(), false);
  }

  /** OpenAI credentials and endpoint. */
  public record OpenAi(
      Secret apiKey, Secret webhookSecret, URI baseUrl, Optional<String> projectId) {}

  /**
   * Where transcript lines go on Discord.
   *
   * @param minInterval the channel budget's sustained pace: one post per this interval once {@code
   *     burst} posts went back to back (0: no budget)
   * @param burst posts the channel budget lets go back to back
   * @param maxPause the longest single wait, whatever Discord asks for
   */
  public record Discord(
      Secret webhookUrl,
      boolean threadPerCall,
      Duration minInterval,
      int burst,
      Duration maxPause) {}

  /**
   * Twilio credentials and the voice route.
   *
   * @param humanAgentNumber set: the {@code transfer_to_human} tool is offered
   * @param publicBaseUrl the bridge's public URL as Twilio calls it (voice route)
   */
  public record Twilio(
      String accountSid,
      Secret authToken,
      URI apiBaseUrl,
      Optional<String> humanAgentNumber,
      String humanLabel,
      Optional<URI> publicBaseUrl) {}

  /**
   * The HTTP server and the limits on calls.
   *
   * @param maxConnectionsPerAddress open HTTP connections allowed from one client address; 0: any
   */
  public record Server(
      int port,
      int maxConnectionsPerAddress,
      int maxConcurrentCalls,
      Duration transcriptOrderWait,
      Duration toolTimeout,
      Duration maxCallDuration,
      Duration drain,
      boolean jsonLogs) {}

  /**
   * Where calls are recorded.
   *
   * @param database {@code DATABASE_URL}, or the SQLite file under {@code DATA_DIR}
   * @param retention calls older than this are purged; empty: kept
   * @param prices what tokens cost, for each call's estimated cost
   */
  public record Store(Database database, Optional<Duration> retention, TokenPrices prices) {}

  /** Whether the Twilio voice route (warm transfer through a conference) is on. */
  public boolean voiceRoute() {
    return twilio.isPresent()
        && twilio.get().publicBaseUrl().isPresent()
        && openAi.projectId().isPresent();
  }

  /**
   * Reads and checks every variable.
   *
   * @throws ConfigException naming every missing or malformed variable
   */
  public static BridgeConfig fromEnv(Map<String, String> env) {
    return ConfigReader.read(new EnvReader(env));
  }
}
