package dev.sipbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.call.AgentProfile;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.call.TestCalls;
import dev.sipbridge.core.fake.FakeCallControl;
import dev.sipbridge.core.fake.FakeCallTransfer;
import dev.sipbridge.core.fake.FakeClock;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.fake.FakeTranscriptSink;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** Fakes, small real executors and a builder for lifecycle tests; close it after each test. */
final class LifecycleHarness {
  static final String WELCOME = "Thanks for calling ACME, how can I help?";
  static final AgentProfile PROFILE =
      new AgentProfile(
          "gpt-realtime-2.1",
          "marin",
          "You are the phone agent of ACME.",
          Optional.of(WELCOME),
          Optional.of("gpt-transcribe"),
          Optional.empty());

  /** Quick settings: three socket attempts, short goodbye grace, an hour per call. */
  static final LifecycleSettings SETTINGS =
      new LifecycleSettings(
          PROFILE,
          Duration.ofMillis(2000),
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofMillis(100),
          3,
          Duration.ofHours(1));

  /** The public URL of {@code /twilio/conference-events} in voice-route tests. */
  static final String EVENTS_URL = "https://bridge.example.com/twilio/conference-events";

  private static final ObjectMapper JSON = new ObjectMapper();

  final FakeCallControl control = new FakeCallControl();
  final FakeCallTransfer twilio = new FakeCallTransfer();
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
        .callEvents(observer)
        .clock(clock)
        .threads(scheduler, workers);
  }

  /** {@link #builder()} with the Twilio voice route on (project {@code proj_x}) and transfers. */
  CallLifecycleBuilder voiceRoute(TransferSettings transfers) {
    return builder().voiceRoute(twilio, "proj_x", EVENTS_URL).transfers(transfers);
  }

  /** Delivers the webhook and waits for its outcome. */
  static AcceptOutcome deliver(CallLifecycle lifecycle, String webhookId, String callId) {
    return deliver(lifecycle, webhookId, TestCalls.incoming(callId));
  }

  /** Delivers the webhook of {@code call} and waits for its outcome. */
  static AcceptOutcome deliver(CallLifecycle lifecycle, String webhookId, IncomingCall call) {
    try {
      return lifecycle
          .onIncomingCall(webhookId, call)
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no outcome for " + call.id(), e);
    }
  }

  /** Accepts {@code call} and waits for its socket. */
  FakeRealtimeChannel.Socket acceptLive(CallLifecycle lifecycle, IncomingCall call) {
    String id = call.id().value();
    assertThat(deliver(lifecycle, "wh_" + id, call)).isEqualTo(AcceptOutcome.ACCEPTED);
    return socket(id);
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

  /**
   * What was sent on the socket, in order: {@code output:<call_id>}, {@code note} (a system
   * message) or the event type.
   */
  static List<String> timeline(FakeRealtimeChannel.Socket socket) {
    List<String> out = new ArrayList<>();
    for (String frame : socket.sent()) {
      JsonNode item = read(frame).path("item");
      if (item.path("type").asText().equals("function_call_output")) {
        out.add("output:" + item.path("call_id").asText());
      } else if (item.path("role").asText().equals("system")) {
        out.add("note");
      } else {
        out.add(read(frame).path("type").asText());
      }
    }
    return out;
  }

  /** The outputs (parsed) of the function_call_output items sent for {@code toolCallId}. */
  static List<JsonNode> outputs(FakeRealtimeChannel.Socket socket, String toolCallId) {
    List<JsonNode> out = new ArrayList<>();
    for (String frame : socket.sent()) {
      JsonNode item = read(frame).path("item");
      if (item.path("type").asText().equals("function_call_output")
          && item.path("call_id").asText().equals(toolCallId)) {
        out.add(read(item.path("output").asText()));
      }
    }
    return out;
  }

  /** The texts of the system messages sent on the socket, in order. */
  static List<String> systemNotes(FakeRealtimeChannel.Socket socket) {
    List<String> out = new ArrayList<>();
    for (String frame : socket.sent()) {
      JsonNode item = read(frame).path("item");
      if (item.path("role").asText().equals("system")) {
        out.add(item.path("content").path(0).path("text").asText());
      }
    }
    return out;
  }

  /** The server event of a key the caller pressed. */
  static String dtmf(String key) {
    return JSON.createObjectNode()
        .put("type", "input_audio_buffer.dtmf_event_received")
        .put("event", key)
        .put("received_at", 1750287018)
        .toString();
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
