package dev.sipbridge.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.contract.RecordingListener;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.RealtimeChannel.Connection;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The testkit's simulated OpenAI, whose call {@link #CALL} stays open and silent until the test
 * sends on it, and an {@link OpenAiRealtimeChannel} pointed at it; shared by the channel's test
 * classes.
 */
abstract class RealtimeChannelFixture {
  static final String API_KEY = OpenAiCallControlTest.API_KEY;
  static final CallId CALL = new CallId("rtc_x");

  static {
    OpenAiRealtimeChannel.useSmallSocketBuffers(); // as the app does, before any HttpClient
  }

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();

  /** Nothing but an open socket: the tests send and close themselves. */
  static final ConversationScript SILENT = ConversationScript.builder().stayOpen().build();

  final SimulatedOpenAi openAi = SimulatedOpenAi.start(SILENT);
  final SimulatedCall serverSide = openAi.call(CALL.value());
  final RecordingListener listener = new RecordingListener();
  OpenAiRealtimeChannel channel;

  @BeforeEach
  void start() {
    channel = channel(openAi.baseUrl(), Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    openAi.close();
  }

  Connection open() {
    return channel
        .open(CALL, listener)
        .toCompletableFuture()
        .orTimeout(10, TimeUnit.SECONDS)
        .join();
  }

  /** Opens on the simulator and waits until its side of the socket is there too. */
  Connection openOnSimulator() {
    Connection connection = open();
    await().until(serverSide::isOpen);
    return connection;
  }

  AdapterException openFailure() {
    CompletableFuture<Connection> stage =
        channel.open(CALL, listener).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS);
    try {
      stage.join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(AdapterException.class);
      return (AdapterException) e.getCause();
    }
    throw new AssertionError("open succeeded");
  }

  static OpenAiSettings settings(URI baseUrl) {
    return OpenAiSettings.of(API_KEY, WebhookSigner.SECRET)
        .withBaseUrl(baseUrl)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static OpenAiRealtimeChannel channel(URI baseUrl, Duration pingInterval) {
    return new OpenAiRealtimeChannel(
        settings(baseUrl), HTTP, TIMER, Duration.ofMillis(500), pingInterval);
  }
}
