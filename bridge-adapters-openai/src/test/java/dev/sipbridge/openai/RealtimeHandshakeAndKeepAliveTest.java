package dev.sipbridge.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.testkit.RawWebSocketServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/** The channel's handshake failures and keep-alive. */
class RealtimeHandshakeAndKeepAliveTest extends RealtimeChannelFixture {
  @Test
  void serverNeverAnswersPings_reportedAbnormalOnce() throws IOException {
    try (RawWebSocketServer raw =
        new RawWebSocketServer(RawWebSocketServer.Mode.SILENT, "{\"type\":\"a\"}")) {
      channel = channel(raw.baseUrl(), Duration.ofMillis(100));

      open();

      await().until(() -> !listener.closes.isEmpty());
      assertThat(listener.texts).containsExactly("{\"type\":\"a\"}");
      assertThat(listener.closes).hasSize(1);
      assertThat(listener.closes.get(0).code()).isEqualTo(1006);
      assertThat(listener.closes.get(0).normal()).isFalse();
      assertThat(listener.closes.get(0).reason()).contains("no pong");
    }
  }

  @Test
  void serverAnswersPings_socketStaysOpen() throws IOException {
    try (RawWebSocketServer raw =
        new RawWebSocketServer(RawWebSocketServer.Mode.ANSWER_PINGS, "")) {
      channel = channel(raw.baseUrl(), Duration.ofMillis(100));

      open();

      await().until(() -> raw.pings() >= 4);
      assertThat(listener.closes).isEmpty();
    }
  }

  @Test
  void keepAliveTicks_runOnTheGivenTimer_noThreadPerTick() throws IOException {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    try (RawWebSocketServer raw =
        new RawWebSocketServer(RawWebSocketServer.Mode.ANSWER_PINGS, "")) {
      channel =
          new OpenAiRealtimeChannel(
              settings(raw.baseUrl()), HTTP, timer, Duration.ofMillis(500), Duration.ofMillis(100));

      open();
      await().until(() -> raw.pings() >= 2);
      long threadsBefore = startedThreads(); // the connection's own threads exist by now
      await().until(() -> raw.pings() >= 10);

      assertThat(timer.getCompletedTaskCount()).isGreaterThanOrEqualTo(10);
      // CompletableFuture.delayedExecutor started a thread per tick on two cores
      assertThat(startedThreads() - threadsBefore).isLessThan(3);
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void handshake404_failsNotFound() {
    openAi.announcedCallsOnly(); // rtc_x was never announced: the platform does not know it

    AdapterException e = openFailure();

    assertThat(e.notFound()).isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(e.operation()).isEqualTo("socket");
  }

  @Test
  void handshake503_failsRetryable() {
    openAi.failNext("socket", 503, 1);

    AdapterException e = openFailure();

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void connectionRefused_failsRetryableWithoutKey() throws IOException {
    URI closed = openAi.baseUrl();
    openAi.close();
    channel = channel(closed, Duration.ofSeconds(30));

    AdapterException e = openFailure();

    assertThat(e.status()).isZero();
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).doesNotContain("FAKEKEY");
  }

  @Test
  void httpsBaseUrl_becomesWss() {
    OpenAiSettings settings = settings(URI.create("https://api.example.com/v1/"));

    assertThat(settings.realtimeUri("rtc_a b").toString())
        .isEqualTo("wss://api.example.com/v1/realtime?call_id=rtc_a+b");
  }

  private static long startedThreads() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
  }
}
