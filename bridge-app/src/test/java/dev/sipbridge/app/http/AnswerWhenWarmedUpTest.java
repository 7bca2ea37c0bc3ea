package dev.sipbridge.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 4 / issue 15: the service's server listens while its warm-up still runs (a port in
 * use fails at once), but answers nothing until the warm-up is done; requests that came early wait
 * and are then answered as usual, also when the warm-up failed.
 */
class AnswerWhenWarmedUpTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void requestsThatArriveDuringTheWarmUpWaitForItThenGetTheirAnswer() throws Exception {
    assertEarlyRequestsWaitUntil(warmUp -> warmUp.complete(null));
  }

  @Test
  void aFailedWarmUpStillLetsTheServerAnswer() throws Exception {
    assertEarlyRequestsWaitUntil(
        warmUp -> warmUp.completeExceptionally(new IllegalStateException("warm-up failed")));
  }

  private void assertEarlyRequestsWaitUntil(
      java.util.function.Consumer<CompletableFuture<Void>> end) throws Exception {
    CompletableFuture<Void> warmUp = new CompletableFuture<>();
    BridgeServer server =
        new BridgeServer(
            () -> {
              throw new AssertionError("not needed by /metrics");
            },
            () -> {
              throw new AssertionError("not needed by /metrics");
            },
            outcome -> {},
            names -> "bridge_up 1\n",
            Map::of,
            routes -> {},
            HttpLimits.withConnectionsPerAddress(100),
            reason -> {});
    try {
      server.start("127.0.0.1", 0, warmUp);
      HttpRequest metrics =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
              .build();
      CompletableFuture<HttpResponse<String>> early =
          http.sendAsync(metrics, HttpResponse.BodyHandlers.ofString());

      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !early.isDone());
      end.accept(warmUp);

      HttpResponse<String> answer = early.get(30, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("bridge_up 1\n");
      assertThat(http.send(metrics, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
    } finally {
      server.close();
    }
  }
}
