package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 4: the service warms the accept, socket, transcript and sink paths on loopback
 * before it answers (its server waits for that: {@code http.AnswerWhenWarmedUpTest}), and none of
 * that warm-up reaches the real OpenAI, sinks or metrics.
 */
class WarmUpTest {
  private final ConversationScript script = ConversationScript.demo();

  @Test
  void theServiceWarmsEveryCallPathBeforeItAnswersAndNothingLeaksOut() {
    List<String> realSink = new CopyOnWriteArrayList<>();
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(script);
        SimulatedDiscord discord = SimulatedDiscord.start()) {
      String secret = WebhookSigner.randomSecret();
      Map<String, String> env = new HashMap<>();
      env.put("OPENAI_API_KEY", RunningBridge.API_KEY);
      env.put("OPENAI_WEBHOOK_SECRET", secret);
      env.put("OPENAI_BASE_URL", openAi.baseUrl().toString());
      env.put("WELCOME_MESSAGE", script.greeting().orElseThrow());
      env.put("DISCORD_WEBHOOK_URL", discord.webhookUrl().toString());
      env.put("DISCORD_MIN_INTERVAL_MS", "0");
      env.put("PORT", "0");
      env.put("DRAIN_SECONDS", "0");

      Bridge bridge =
          Bridge.startWarmedUp(
              BridgeConfig.fromEnv(env),
              new Extensions(List.of(new Recording(realSink)), List.of()),
              3,
              Duration.ofSeconds(30));
      try {
        WarmUp.Report warmUp = bridge.warmUp();
        assertThat(warmUp.started()).as("synthetic calls accepted before answering").isEqualTo(3);
        assertThat(warmUp.ended()).as("synthetic calls that ran to their end").isEqualTo(3);
        // the path must have run; on a heavily loaded machine the 1 ms-paced synthetic calls were
        // seen to produce fewer live lines than their script, which the warm-up does not need
        assertThat(warmUp.lines())
            .as("transcript lines assembled and sunk")
            .isPositive()
            .isLessThanOrEqualTo(3 * script.expectedLines().size());

        // the throwaway bridge stops in the background once its calls ended
        assertThat(warmUp.stopped()).succeedsWithin(Duration.ofSeconds(10));

        assertThat(openAi.requests()).as("requests to the real OpenAI").isEmpty();
        assertThat(discord.messages()).as("posts to the real Discord").isEmpty();
        assertThat(realSink).as("the real sinks").isEmpty();
        assertThat(bridge.metrics())
            .contains("bridge_accept_latency_seconds_count 0\n")
            .doesNotContain("bridge_webhook_requests_total{");

        // and the real bridge then takes a real call as usual
        WebhookSigner signer = new WebhookSigner(secret);
        int status =
            signer.deliver(
                HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + bridge.port() + "/openai/webhook"),
                signer.incomingCall(
                    "rtc_real00000000000000000000000001",
                    WebhookSigner.sipHeaders("+14155550123", "+18005550100")));
        assertThat(status).isEqualTo(200);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> realSink.contains("ended rtc_real00000000000000000000000001"));
        assertThat(openAi.requests()).anyMatch(r -> r.path().endsWith("/accept"));
        assertThat(bridge.metrics()).contains("bridge_accept_latency_seconds_count 1\n");
      } finally {
        bridge.shutdown();
      }
    }
  }

  /** A real sink: records what reaches it. */
  private record Recording(List<String> seen) implements TranscriptSink {
    @Override
    public void callStarted(IncomingCall call) {
      seen.add("started " + call.id().value());
    }

    @Override
    public void publish(TranscriptLine line) {
      seen.add(line.render());
    }

    @Override
    public void callEnded(CallTranscript transcript) {
      seen.add("ended " + transcript.call().id().value());
    }
  }
}
