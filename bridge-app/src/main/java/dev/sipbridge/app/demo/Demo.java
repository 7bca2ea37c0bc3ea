package dev.sipbridge.app.demo;

import dev.sipbridge.app.Bridge;
import dev.sipbridge.app.BridgeConfig;
import dev.sipbridge.app.ConfigException;
import dev.sipbridge.app.Extensions;
import dev.sipbridge.app.Main;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.sip.CallParties;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolResult;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo}: the real bridge, wired as in production, against a simulated OpenAI on 127.0.0.1.
 * Sends one correctly signed {@code realtime.call.incoming}, prints the transcript lines as the
 * bridge emits them, and exits 0 when the whole conversation arrived in order.
 */
public final class Demo {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  /** Variables of the caller's environment the demo honours (everything else is simulated). */
  private static final List<String> PASSED_THROUGH =
      List.of(
          "DISCORD_WEBHOOK_URL",
          "DISCORD_THREAD_PER_CALL",
          "TRANSCRIPT_DIR",
          "LOG_FORMAT",
          "LOG_LEVEL",
          "DATABASE_URL",
          "DATA_DIR",
          "CALL_RETENTION_DAYS",
          "TOKEN_PRICES_USD");

  private Demo() {}

  public static int run(Map<String, String> env, PrintStream out) {
    ConversationScript script = ConversationScript.demo().withEventDelay(Duration.ofMillis(25));
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(script)) {
      String secret = WebhookSigner.randomSecret();
      Map<String, String> demoEnv = new HashMap<>();
      PASSED_THROUGH.forEach(
          k -> {
            if (env.containsKey(k)) {
              demoEnv.put(k, env.get(k));
            }
          });
      demoEnv.put("OPENAI_API_KEY", "sk-demo-not-a-real-key");
      demoEnv.put("OPENAI_WEBHOOK_SECRET", secret);
      demoEnv.put("OPENAI_BASE_URL", openAi.baseUrl().toString());
      demoEnv.put("WELCOME_MESSAGE", script.greeting().orElse(""));
      demoEnv.put("PORT", "0");
      demoEnv.put("DRAIN_SECONDS", "0");
      BridgeConfig config;
      try {
        config = BridgeConfig.fromEnv(demoEnv);
      } catch (ConfigException e) {
        out.println("demo: " + e.getMessage());
        return Main.BAD_CONFIG;
      }
      Printer printer = new Printer(out);
      Bridge bridge =
          Bridge.start(config, new Extensions(List.of(printer), List.of(lookupOrder())));
      try {
        return call(bridge, secret, script, printer, out, config.discord().isPresent());
      } finally {
        bridge.shutdown();
      }
    }
  }

  private static int call(
      Bridge bridge,
      String secret,
      ConversationScript script,
      Printer printer,
      PrintStream out,
      boolean toDiscord) {
    out.println(
        "sip-realtime-bridge demo: the real bridge on port "
            + bridge.port()
            + ", a simulated OpenAI on 127.0.0.1"
            + (toDiscord ? ", lines also posted to Discord" : ""));
    WebhookSigner signer = new WebhookSigner(secret);
    WebhookSigner.SignedWebhook webhook =
        signer.incomingCall(
            "rtc_demo0000000000000000000000001",
            List.of(
                Map.entry("From", "\"Jane Doe\" <sip:+14155550123@sip.twilio.com>;tag=8a1f"),
                Map.entry("To", "<sip:+18005550100@sip.twilio.com>"),
                Map.entry("Diversion", "<sip:+18005550199@sip.twilio.com>;reason=no-answer"),
                Map.entry("Call-ID", "03782086-4ce9-44bf-8b0d-4e303d2cc590")));
    int status =
        signer.deliver(
            HttpClient.newHttpClient(),
            URI.create("http://127.0.0.1:" + bridge.port() + "/openai/webhook"),
            webhook);
    out.println("signed realtime.call.incoming -> HTTP " + status);
    if (status != 200) {
      return 1;
    }
    if (!printer.awaitEnd(CALL_TIMEOUT)) {
      out.println("the call did not end within " + CALL_TIMEOUT.toSeconds() + " s");
      return 1;
    }
    List<String> expected = script.expectedLines();
    boolean complete = printer.lines().equals(expected);
    out.println(
        complete
            ? "all " + expected.size() + " lines arrived, in conversation order"
            : "transcript differs from the script: expected " + expected);
    return complete ? 0 : 1;
  }

  /** The tool the demo's agent calls (and the start-up warm-up's). */
  public static Tool lookupOrder() {
    return Tool.of(
        "lookup_order",
        "Look up an order by its number",
        "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},"
            + "\"required\":[\"order_id\"]}",
        call ->
            ToolResult.ok(
                "{\"order_id\":\""
                    + call.argument("order_id").orElse("?")
                    + "\",\"status\":\"shipped\",\"arrives\":\"Thursday\"}"));
  }

  /** Prints what the bridge emits, as it emits it. */
  private static final class Printer implements TranscriptSink {
    private final PrintStream out;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    Printer(PrintStream out) {
      this.out = out;
    }

    @Override
    public void callStarted(IncomingCall call) {
      CallParties p = call.parties();
      out.println(
          "call "
              + call.id()
              + " accepted: "
              + p.caller().value()
              + " -> "
              + p.called().value()
              + p.forwardedFrom().map(f -> " (forwarded from " + f.value() + ")").orElse(""));
    }

    @Override
    public void publish(TranscriptLine line) {
      lines.add(line.render());
      out.println("  " + line.render());
    }

    @Override
    public void callEnded(CallTranscript transcript) {
      out.println(
          "call ended ("
              + transcript.endReason().name().toLowerCase(java.util.Locale.ROOT)
              + "), "
              + transcript.lines().size()
              + " lines in the final transcript");
      ended.countDown();
    }

    List<String> lines() {
      return List.copyOf(lines);
    }

    boolean awaitEnd(Duration timeout) {
      try {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
