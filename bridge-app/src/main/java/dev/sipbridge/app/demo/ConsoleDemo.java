package dev.sipbridge.app.demo;

import dev.sipbridge.app.Bridge;
import dev.sipbridge.app.BridgeConfig;
import dev.sipbridge.app.ConfigException;
import dev.sipbridge.app.Extensions;
import dev.sipbridge.app.Main;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code demo --console}: the real bridge and a simulated OpenAI keep running; a simulated call
 * comes in every few seconds, and the console shows them live. Prints the console's URL and a fresh
 * operator token (or uses {@code OPERATOR_TOKEN}); Ctrl-C stops it.
 */
public final class ConsoleDemo implements AutoCloseable {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(8);

  /** Slow enough to watch: a line takes a second or two to stream in. */
  private static final Duration EVENT_DELAY = Duration.ofMillis(60);

  private static final String[] CALLERS = {
    "+14155550123", "+442071838750", "+4930901820", "+12125550187", "+33142685300", "+61290000000"
  };

  private final SimulatedOpenAi openAi;
  private final Bridge bridge;
  private final String token;
  private final WebhookSigner signer;
  private final ScheduledExecutorService caller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "demo-calls");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger calls = new AtomicInteger();

  private ConsoleDemo(SimulatedOpenAi openAi, Bridge bridge, String token, WebhookSigner signer) {
    this.openAi = openAi;
    this.bridge = bridge;
    this.token = token;
    this.signer = signer;
  }

  /** Runs until the process is stopped (Ctrl-C); returns an exit status only on bad config. */
  public static int run(Map<String, String> env, PrintStream out) {
    ConsoleDemo demo;
    try {
      demo = start(env, DEFAULT_INTERVAL);
    } catch (ConfigException e) {
      out.println("demo: " + e.getMessage());
      return Main.BAD_CONFIG;
    } catch (RuntimeException e) {
      // Most often the port is taken: say which, and how to pick another.
      out.println(
          "demo: the bridge could not start on port "
              + env.getOrDefault("PORT", "8080")
              + " ("
              + e.getMessage()
              + "); set PORT to a free port, or PORT=0 for any");
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-stop"));
    out.println(
        "sip-realtime-bridge demo with the console: the real bridge, a simulated OpenAI,"
            + " a simulated call every "
            + DEFAULT_INTERVAL.toSeconds()
            + " s.");
    out.println("  console: http://127.0.0.1:" + demo.port() + "/console");
    out.println("  token:   " + demo.token());
    out.println("Open the console, log in with the token, and watch the calls. Ctrl-C stops.");
    try {
      Thread.currentThread().join(); // until Ctrl-C; the hook stops everything
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Starts the simulator and the bridge, and the first call at once. */
  public static ConsoleDemo start(Map<String, String> env, Duration interval) {
    Random rnd = new Random();
    SimulatedOpenAi openAi =
        SimulatedOpenAi.start(
            callId ->
                ConversationScript.realistic(rnd, 3 + rnd.nextInt(4)).withEventDelay(EVENT_DELAY));
    try {
      String secret = WebhookSigner.randomSecret();
      String token =
          env.getOrDefault("OPERATOR_TOKEN", "").isBlank()
              ? newToken()
              : env.get("OPERATOR_TOKEN").strip();
      Map<String, String> demoEnv = new HashMap<>();
      for (String k :
          List.of(
              "DISCORD_WEBHOOK_URL",
              "TRANSCRIPT_DIR",
              "LOG_FORMAT",
              "LOG_LEVEL",
              "PORT",
              "DATABASE_URL",
              "DATA_DIR",
              "CALL_RETENTION_DAYS",
              "TOKEN_PRICES_USD")) {
        if (env.containsKey(k)) {
          demoEnv.put(k, env.get(k));
        }
      }
      demoEnv.putIfAbsent("PORT", "8080");
      demoEnv.put("OPENAI_API_KEY", "sk-demo-not-a-real-key");
      demoEnv.put("OPENAI_WEBHOOK_SECRET", secret);
      demoEnv.put("OPENAI_BASE_URL", openAi.baseUrl().toString());
      demoEnv.put("OPERATOR_TOKEN", token);
      // A cold-transfer target, so the console's Transfer button has somewhere to send callers.
      demoEnv.put("TRANSFER_TARGET", "tel:+18005550199");
      demoEnv.put("DRAIN_SECONDS", "0");
      Bridge bridge =
          Bridge.start(
              BridgeConfig.fromEnv(demoEnv),
              new Extensions(List.of(), List.of(Demo.lookupOrder())));
      ConsoleDemo demo = new ConsoleDemo(openAi, bridge, token, new WebhookSigner(secret));
      demo.caller.scheduleWithFixedDelay(
          demo::placeCall, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
      return demo;
    } catch (RuntimeException e) {
      openAi.close();
      throw e;
    }
  }

  /** 24 random bytes, URL-safe: a token nobody guesses, printed for this run only. */
  private static String newToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public int port() {
    return bridge.port();
  }

  public String token() {
    return token;
  }

  private void placeCall() {
    int n = calls.incrementAndGet();
    String callId = String.format("rtc_demo%08x%016x", n, System.nanoTime());
    String from = CALLERS[n % CALLERS.length];
    try {
      signer.deliver(
          http,
          URI.create("http://127.0.0.1:" + port() + "/openai/webhook"),
          signer.incomingCall(callId, WebhookSigner.sipHeaders(from, "+18005550100")));
    } catch (RuntimeException e) {
      // The next call tries again; a demo never stops over one failed delivery.
    }
  }

  @Override
  public void close() {
    caller.shutdownNow();
    bridge.shutdown();
    openAi.close();
  }
}
