package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.app.demo.ConsoleDemo;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedOpenAi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator surface on the running bridge: off without a token, /metrics behind it, the demo.
 */
class OperatorSurfaceEndToEndTest {
  private static final String TOKEN = "e2e-operator-token-0123456789";
  private final SimulatedOpenAi openAi = SimulatedOpenAi.start(ConversationScript.demo());
  private RunningBridge bridge;
  private ConsoleDemo demo;

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
    if (demo != null) {
      demo.close();
    }
    openAi.close();
  }

  @Test
  void withoutAToken_apiAndConsoleAreOffAndSaySo() throws Exception {
    bridge = RunningBridge.start(openAi, Map.of(), Extensions.none());

    for (String path : new String[] {"/api/calls", "/api/events", "/console"}) {
      HttpResponse<String> r = bridge.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).contains("OPERATOR_TOKEN");
    }
    assertThat(bridge.get("/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsRequireToken_putsMetricsBehindTheOperatorToken() throws Exception {
    bridge =
        RunningBridge.start(
            openAi,
            Map.of("OPERATOR_TOKEN", TOKEN, "METRICS_REQUIRE_TOKEN", "true"),
            Extensions.none());

    assertThat(bridge.get("/metrics").statusCode()).isEqualTo(401);
    assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
    HttpResponse<String> withToken =
        bridge.http.send(
            HttpRequest.newBuilder(bridge.url("/metrics"))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(withToken.body()).contains("bridge_");
  }

  @Test
  void consoleDemo_keepsCallsComingAndAnswers401WithoutTheToken(@TempDir Path data)
      throws Exception {
    demo =
        ConsoleDemo.start(Map.of("PORT", "0", "DATA_DIR", data.toString()), Duration.ofMillis(300));
    RunningBridgeClient client = new RunningBridgeClient(demo.port());

    assertThat(demo.token()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(client.get("/api/calls", null).statusCode()).isEqualTo(401);
    assertThat(client.get("/console", null).statusCode()).isEqualTo(401);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              HttpResponse<String> r = client.get("/api/calls", demo.token());
              return r.statusCode() == 200 && r.body().split("\"id\"").length > 3;
            });
  }

  /** Plain HTTP to a bridge on {@code port}. */
  private record RunningBridgeClient(int port) {
    HttpResponse<String> get(String path, String token) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      return java.net.http.HttpClient.newHttpClient()
          .send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
