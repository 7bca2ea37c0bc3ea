package dev.sipbridge.app;

import dev.sipbridge.core.call.AgentProfile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Maps environment variables to a {@link BridgeConfig}; the rules of SPEC §1. */
final class ConfigReader {
  static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  static final String DEFAULT_INSTRUCTIONS =
      "You are a friendly, concise phone agent. Speak in short sentences, ask one question at a"
          + " time, and confirm what you understood. If the caller asks for a person, or you"
          + " cannot help, offer to transfer them. When the conversation is over, say goodbye"
          + " and end the call.";
  private static final String E164 = "\\+[1-9]\\d{1,14}";

  /** An operator token shorter than this is too easy to guess. */
  static final int MIN_TOKEN_CHARS = 16;

  private ConfigReader() {}

  static BridgeConfig read(EnvReader env) {
    BridgeConfig.OpenAi openAi =
        new BridgeConfig.OpenAi(
            new Secret(env.required("OPENAI_API_KEY")),
            new Secret(env.required("OPENAI_WEBHOOK_SECRET")),
            env.url("OPENAI_BASE_URL", false).orElse(URI.create(DEFAULT_BASE_URL)),
            env.matching(
                "OPENAI_PROJECT_ID",
                v -> v.matches("proj_[A-Za-z0-9_-]+"),
                "an OpenAI project id (proj_...)"));
    AgentProfile agent =
        new AgentProfile(
            env.string("OPENAI_MODEL", "gpt-realtime-2.1"),
            env.string("OPENAI_VOICE", "marin"),
            instructions(env),
            env.optional("WELCOME_MESSAGE"),
            // Set but empty turns caller transcription off; unset means the default model.
            env.isSet("INPUT_TRANSCRIPTION_MODEL")
                ? env.optional("INPUT_TRANSCRIPTION_MODEL")
                : Optional.of("gpt-transcribe"),
            env.optional("INPUT_TRANSCRIPTION_LANGUAGE"));
    Optional<BridgeConfig.Discord> discord = discord(env);
    Optional<BridgeConfig.Twilio> twilio = twilio(env);
    Optional<String> transferTarget =
        env.matching(
            "TRANSFER_TARGET",
            v -> v.matches("tel:" + E164) || v.matches("sips?:[^\\s@]+@[^\\s]+"),
            "tel:+E164 or a sip: URI");
    Optional<String> dtmfDigit =
        env.matching(
            "DTMF_TRANSFER_DIGIT", v -> v.matches("[0-9*#A-D]"), "one key: 0-9, *, # or A-D");
    Optional<Path> transcriptDir = env.optional("TRANSCRIPT_DIR").map(Path::of);
    BridgeConfig.Server server =
        new BridgeConfig.Server(
            env.integer("PORT", 8080, 0, 65535),
            env.integer("HTTP_MAX_CONNECTIONS_PER_ADDRESS", 100, 0, 1_000_000),
            env.integer("MAX_CONCURRENT_CALLS", 500, 1, 1_000_000),
            Duration.ofMillis(env.integer("TRANSCRIPT_ORDER_WAIT_MS", 2000, 0, 60_000)),
            Duration.ofMillis(env.integer("TOOL_TIMEOUT_MS", 10_000, 100, 600_000)),
            Duration.ofSeconds(env.integer("MAX_CALL_SECONDS", 3600, 10, 86_400)),
            Duration.ofSeconds(env.integer("DRAIN_SECONDS", 30, 0, 3600)),
            logFormatIsJson(env));
    BridgeConfig.Store store = StoreConfig.read(env);
    BridgeConfig.Operator operator = operator(env);
    env.throwIfProblems();
    return new BridgeConfig(
        openAi,
        agent,
        discord,
        twilio,
        transferTarget,
        dtmfDigit,
        transcriptDir,
        server,
        store,
        operator);
  }

  private static BridgeConfig.Operator operator(EnvReader env) {
    // The value is a secret: the problem never repeats it.
    Optional<String> token = env.optional("OPERATOR_TOKEN");
    if (token.isPresent()
        && (token.get().length() < MIN_TOKEN_CHARS || !token.get().matches("[\\x21-\\x7e]+"))) {
      env.problem(
          "OPERATOR_TOKEN",
          "must be at least " + MIN_TOKEN_CHARS + " printable characters without spaces");
    }
    boolean metricsToo = env.bool("METRICS_REQUIRE_TOKEN", false);
    if (metricsToo && token.isEmpty()) {
      env.problem("METRICS_REQUIRE_TOKEN", "is true but OPERATOR_TOKEN is not set");
    }
    return new BridgeConfig.Operator(token.map(Secret::new), metricsToo);
  }

  private static String instructions(EnvReader env) {
    Optional<String> path = env.optional("PROMPT_PATH");
    if (path.isEmpty()) {
      return DEFAULT_INSTRUCTIONS;
    }
    try {
      String text = Files.readString(Path.of(path.get()), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        env.problem("PROMPT_PATH", "points at an empty file: " + path.get());
        return DEFAULT_INSTRUCTIONS;
      }
      return text;
    } catch (IOException | RuntimeException e) {
      env.problem("PROMPT_PATH", "cannot be read: " + path.get());
      return DEFAULT_INSTRUCTIONS;
    }
  }

  private static Optional<BridgeConfig.Discord> discord(EnvReader env) {
    boolean threads = env.bool("DISCORD_THREAD_PER_CALL", false);
    Duration minInterval =
        Duration.ofMillis(env.integer("DISCORD_MIN_INTERVAL_MS", 3000, 0, 60_000));
    int burst = env.integer("DISCORD_BURST", 10, 1, 100);
    Duration maxPause = Duration.ofSeconds(env.integer("DISCORD_MAX_PAUSE_SECONDS", 60, 1, 3600));
    Optional<URI> url = env.url("DISCORD_WEBHOOK_URL", true);
    if (url.isPresent() && !url.get().getPath().contains("/webhooks/")) {
      env.problem("DISCORD_WEBHOOK_URL", "must be a Discord webhook URL (…/api/webhooks/ID/TOKEN)");
      return Optional.empty();
    }
    return url.map(
        u ->
            new BridgeConfig.Discord(
                new Secret(u.toString()), threads, minInterval, burst, maxPause));
  }

  private static Optional<BridgeConfig.Twilio> twilio(EnvReader env) {
    Optional<String> sid =
        env.matching(
            "TWILIO_ACCOUNT_SID",
            v -> v.matches("AC[0-9a-fA-F]{32}"),
            "an account SID (AC followed by 32 hex digits)");
    Optional<String> token = env.optional("TWILIO_AUTH_TOKEN");
    Optional<String> human =
        env.matching(
            "HUMAN_AGENT_NUMBER", v -> v.matches(E164), "an E.164 number like +15551234567");
    Optional<URI> publicUrl = env.url("PUBLIC_BASE_URL", false);
    URI apiBase =
        env.url("TWILIO_API_BASE_URL", false).orElse(URI.create("https://api.twilio.com"));
    String label = env.string("TWILIO_HUMAN_LABEL", "human agent");
    if (label.contains("/")) {
      env.problem("TWILIO_HUMAN_LABEL", "must not contain '/'");
    }
    if (sid.isPresent() != token.isPresent()) {
      env.problem(
          sid.isPresent() ? "TWILIO_AUTH_TOKEN" : "TWILIO_ACCOUNT_SID",
          "is required when "
              + (sid.isPresent() ? "TWILIO_ACCOUNT_SID" : "TWILIO_AUTH_TOKEN")
              + " is set");
      return Optional.empty();
    }
    if (sid.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BridgeConfig.Twilio(
            sid.get(), new Secret(token.get()), apiBase, human, label, publicUrl));
  }

  private static boolean logFormatIsJson(EnvReader env) {
    return env.matching("LOG_FORMAT", v -> v.equals("text") || v.equals("json"), "text or json")
        .map("json"::equals)
        .orElse(false);
  }
}
