package dev.sipbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.call.AgentProfile;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.TestCalls;
import dev.sipbridge.core.fake.FakeCallControl;
import dev.sipbridge.core.fake.FakeClock;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.fake.FakeTranscriptSink;
import java.io.UncheckedIOException;
import org.awaitility.Awaitility;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Fakes, small real executors and a builder for lifecycle tests; close it after each test. */
final class LifecycleHarness {
  static final String WELCOME = "Thanks for calling ACME, how can I help?";
  static final AgentProfile PROFILE = new AgentProfile("gpt-realtime-2.1", "marin",
      "You are the phone agent of ACME.", Optional.of(WELCOME), Optional.of("gpt-transcribe"),
      Optional.empty());
  /** Quick settings: three socket attempts, short goodbye grace, an hour per call. */
  static final LifecycleSettings SETTINGS = new LifecycleSettings(PROFILE, Duration.ofMillis(2000),
      Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(100), 3,
      Duration.ofHours(1));

  private static final ObjectMapper JSON = new ObjectMapper();

  final FakeCallControl control = new FakeCallControl();
  final FakeRealtimeChannel channel = new FakeRealtimeChannel();
  final CountingChannel countingChannel = new CountingChannel(channel);
  final FakeTranscriptSink sink = new FakeTranscriptSink();
  final RecordingObserver observer = new RecordingObserver();
  final FakeClock clock = new FakeClock(TestCalls.RECEIVED);
  final ScheduledThreadPoolExecutor scheduler =
      (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1);
  final ExecutorService workers = Executors.newFixedThreadPool(2);

  LifecycleHarness() {
    // Check at once, then often: the default waits 100 ms before the first look.
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
  }

  /** A builder wired to this harness's fakes and threads, with {@link #SETTINGS}. */
  CallLifecycleBuilder builder() {
    return CallLifecycle.builder()
        .settings(SETTINGS)
        .callControl(control)
        .realtimeChannel(countingChannel)
        .sinks(List.of(sink))
        .observer(observer)
        .clock(clock)
        .threads(scheduler, workers);
  }

  /** Delivers the webhook and waits for its outcome. */
  static AcceptOutcome deliver(CallLifecycle lifecycle, String webhookId, String callId) {
    try {
      return lifecycle.onIncomingCall(webhookId, TestCalls.incoming(callId))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no outcome for " + callId, e);
    }
  }

  /** Accepts {@code callId} and waits for its socket. */
  FakeRealtimeChannel.Socket acceptLive(CallLifecycle lifecycle, String callId) {
    assertThat(deliver(lifecycle, "wh_" + callId, callId)).isEqualTo(AcceptOutcome.ACCEPTED);
    return socket(callId);
  }

  /** The newest socket of the call, once it is open. */
  FakeRealtimeChannel.Socket socket(String callId) {
    CallId id = new CallId(callId);
    await().until(() -> channel.socket(id).isPresent());
    return channel.socket(id).orElseThrow();
  }

  int opens(String callId) {
    return channel.opens(new CallId(callId));
  }

  /** What was sent on the socket, in order: {@code output:<call_id>} or the event type. */
  static List<String> timeline(FakeRealtimeChannel.Socket socket) {
    List<String> out = new ArrayList<>();
    for (String frame : socket.sent()) {
      JsonNode node = read(frame);
      String type = node.path("type").asText();
      out.add(node.path("item").path("type").asText().equals("function_call_output")
          ? "output:" + node.path("item").path("call_id").asText() : type);
    }
    return out;
  }

  static JsonNode read(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the executors; call after each test. */
  void close() throws InterruptedException {
    scheduler.shutdownNow();
    workers.shutdownNow();
    assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }
}
