package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolResult;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A whole call through the real bridge: signed webhook → accept → socket → Discord lines. */
class CallEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CALL = "rtc_e2e00000000000000000000000001";
  private static final Tool LOOKUP =
      Tool.of(
          "lookup_order",
          "Look up an order",
          "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}}}",
          c -> ToolResult.ok("{\"status\":\"shipped\"}"));

  private final ConversationScript script =
      ConversationScript.demo().withEventDelay(Duration.ofMillis(1));
  private final SimulatedOpenAi openAi = SimulatedOpenAi.start(script);
  private final SimulatedDiscord discord = SimulatedDiscord.start();
  private RunningBridge bridge;

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
    openAi.close();
    discord.close();
  }

  private void startBridge() {
    Map<String, String> env = new HashMap<>();
    env.put("DISCORD_WEBHOOK_URL", discord.webhookUrl().toString());
    env.put("WELCOME_MESSAGE", script.greeting().orElseThrow());
    env.put("INPUT_TRANSCRIPTION_LANGUAGE", "en");
    env.put("TRANSCRIPT_ORDER_WAIT_MS", "3000");
    bridge = RunningBridge.start(openAi, env, new Extensions(List.of(), List.of(LOOKUP)));
  }

  @Test
  void signedWebhook_acceptsOpensTheSocketAndPostsEveryLineToDiscordInOrder() throws Exception {
    startBridge();

    assertThat(bridge.callArrives(CALL)).isEqualTo(200);

    SimulatedCall call = openAi.call(CALL);
    assertThat(call.awaitEnd(Duration.ofSeconds(30))).isEqualTo(1000);
    assertThat(call.failure()).isEmpty();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                discord.contents().stream()
                    .anyMatch(c -> c.contains("Transcript") || c.startsWith("Full transcript")));

    List<String> contents = discord.contents();
    String announcement = contents.get(0);
    assertThat(announcement).contains(CALL).contains("+14155550123").contains("+18005550100");
    List<String> lines = new ArrayList<>();
    for (String c : contents.subList(1, contents.size() - 1)) {
      lines.addAll(Arrays.asList(c.split("\n")));
    }
    assertThat(lines).containsExactlyElementsOf(script.expectedLines());
    assertThat(contents.get(contents.size() - 1)).contains(script.expectedLines().get(0));
    assertThat(discord.messages()).allMatch(m -> m.json().contains("\"allowed_mentions\""));
  }

  @Test
  void accept_isTheSpecRequest() throws Exception {
    startBridge();

    assertThat(bridge.callArrives(CALL)).isEqualTo(200);

    SimulatedOpenAi.Recorded accept =
        openAi.requests().stream()
            .filter(r -> r.path().endsWith("/accept"))
            .findFirst()
            .orElseThrow();
    assertThat(accept.method()).isEqualTo("POST");
    assertThat(accept.path()).isEqualTo("/v1/realtime/calls/" + CALL + "/accept");
    assertThat(accept.headers()).containsEntry("authorization", "Bearer " + RunningBridge.API_KEY);
    assertThat(accept.headers()).doesNotContainKey("openai-beta");
    JsonNode body = JSON.readTree(accept.body());
    assertThat(body.path("type").asText()).isEqualTo("realtime");
    assertThat(body.path("model").asText()).isEqualTo("gpt-realtime-2.1");
    assertThat(body.path("instructions").asText()).isNotBlank();
    assertThat(body.path("audio").path("output").path("voice").asText()).isEqualTo("marin");
    assertThat(body.path("audio").path("input").path("transcription").path("model").asText())
        .isEqualTo("gpt-transcribe");
    assertThat(body.path("audio").path("input").path("transcription").path("language").asText())
        .isEqualTo("en");
    List<String> tools = new ArrayList<>();
    body.path("tools")
        .forEach(
            t -> {
              assertThat(t.path("type").asText()).isEqualTo("function");
              assertThat(t.path("description").asText()).isNotBlank();
              assertThat(t.path("parameters").isObject()).isTrue();
              tools.add(t.path("name").asText());
            });
    assertThat(tools).containsExactlyInAnyOrder("end_call", "lookup_order");
    SimulatedCall call = openAi.call(CALL);
    await().until(() -> !call.framesReceived("response.create").isEmpty());
    assertThat(call.framesReceived("response.create").get(0)).contains(script.greeting().get());
  }

  @Test
  void badSignature_is400AndNothingElseHappens() throws Exception {
    startBridge();
    WebhookSigner.SignedWebhook good =
        bridge.signer.incomingCall(
            CALL, WebhookSigner.sipHeaders("sip:+14155550123@x", "sip:+18005550100@x"));
    Map<String, String> headers = new HashMap<>(good.headers());
    headers.put("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    HttpResponse<String> response = bridge.post("/openai/webhook", headers, good.body());
    HttpResponse<String> unsigned =
        bridge.post("/openai/webhook", Map.of("content-type", "application/json"), good.body());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(openAi.requests()).isEmpty();
    assertThat(discord.messages()).isEmpty();
    assertThat(bridge.bridge.lifecycle().activeCalls()).isZero();
  }

  @Test
  void health_reportsActiveCalls() throws Exception {
    startBridge();

    HttpResponse<String> health = bridge.get("/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("ok");
    assertThat(JSON.readTree(health.body()).path("activeCalls").asInt()).isZero();
    assertThat(health.headers().map().toString()).doesNotContain(RunningBridge.API_KEY);
  }
}
