package dev.sipbridge.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.call.TestCalls;
import dev.sipbridge.core.lifecycle.RecordingObserver;
import dev.sipbridge.core.realtime.ServerEvent;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Threads, a frame recorder and an observer for {@link FunctionCallProtocol} tests; close it after
 * each test.
 */
final class ProtocolFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final Duration GRACE = Duration.ofMillis(100);
  static final String ARGS = "{\"order_id\":\"A-1\"}";

  final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
  final ExecutorService workers = Executors.newFixedThreadPool(2);
  final List<String> sent = new CopyOnWriteArrayList<>();
  final RecordingObserver observer = new RecordingObserver();

  /** Released by {@link #close()}, so no worker stays blocked. */
  final CountDownLatch gate = new CountDownLatch(1);

  ProtocolFixture() {
    // Check at once, then often: the default waits 100 ms before the first look.
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
  }

  /** A protocol for call {@code rtc_1} on this fixture's threads, recording what it sends. */
  FunctionCallProtocol protocol(Duration timeout, Tool... tools) {
    return new FunctionCallProtocol(
        TestCalls.incoming("rtc_1"),
        new ToolRegistry(List.of(tools)),
        workers,
        scheduler,
        timeout,
        GRACE,
        sent::add,
        observer::toolRan);
  }

  /** Like {@link #protocol}, with the after-response bounds {@code startWait} and {@code limit}. */
  FunctionCallProtocol protocol(Duration startWait, Duration limit, Tool... tools) {
    return new FunctionCallProtocol(
        TestCalls.incoming("rtc_1"),
        new ToolRegistry(List.of(tools)),
        workers,
        new AfterResponseActions(scheduler, GRACE, startWait, limit),
        TIMEOUT,
        sent::add,
        observer::toolRan);
  }

  static Tool tool(String name, ToolHandler handler) {
    return Tool.withoutParameters(name, "a test tool", handler);
  }

  /** An {@code end_call} tool whose after-response action counts hang-ups. */
  static Tool endCall(AtomicInteger hangUps) {
    return tool("end_call", c -> ToolResult.okThen("{\"ok\":true}", hangUps::incrementAndGet));
  }

  static void feed(FunctionCallProtocol protocol, String json) {
    protocol.onEvent(ServerEvent.parse(json).orElseThrow());
  }

  /** What was sent, in order: {@code output:<call_id>} or the event type. */
  List<String> timeline() {
    List<String> out = new ArrayList<>();
    for (String frame : sent) {
      JsonNode node = read(frame);
      String type = node.path("type").asText();
      if (type.equals("conversation.item.create")
          && node.path("item").path("type").asText().equals("function_call_output")) {
        out.add("output:" + node.path("item").path("call_id").asText());
      } else {
        out.add(type);
      }
    }
    return out;
  }

  /** The output sent for {@code callId}. */
  String output(String callId) {
    return sent.stream()
        .map(ProtocolFixture::read)
        .filter(n -> n.path("item").path("call_id").asText().equals(callId))
        .map(n -> n.path("item").path("output").asText())
        .findFirst()
        .orElseThrow();
  }

  /** The call got exactly one output, a JSON error mentioning {@code fragment}, then a response. */
  void assertErrorAnswer(String callId, String fragment) throws Exception {
    await().until(() -> timeline().contains("response.create"));
    assertThat(timeline()).containsExactly("output:" + callId, "response.create");
    JsonNode output = JSON.readTree(output(callId));
    assertThat(output.path("error").isTextual()).as(output.toString()).isTrue();
    assertThat(output.path("error").asText()).contains(fragment);
  }

  private static JsonNode read(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything submitted to the single scheduler thread before now has run. */
  void awaitSchedulerIdle() throws Exception {
    scheduler.submit(() -> {}).get(5, TimeUnit.SECONDS);
  }

  /** Both worker threads have finished what they were running. */
  void awaitWorkersIdle() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    CountDownLatch done = new CountDownLatch(1);
    List<Future<?>> probes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      probes.add(
          workers.submit(
              () -> {
                bothRunning.countDown();
                return done.await(5, TimeUnit.SECONDS);
              }));
    }
    assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
    done.countDown();
    for (Future<?> f : probes) {
      f.get(5, TimeUnit.SECONDS);
    }
  }

  /** Opens the gate and stops the executors; call after each test. */
  void close() throws InterruptedException {
    gate.countDown();
    scheduler.shutdownNow();
    workers.shutdownNow();
    assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }
}
