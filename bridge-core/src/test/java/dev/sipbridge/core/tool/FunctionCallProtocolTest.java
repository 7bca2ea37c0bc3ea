package dev.sipbridge.core.tool;

import static dev.sipbridge.core.tool.ProtocolEvents.argumentsDone;
import static dev.sipbridge.core.tool.ProtocolEvents.audioStopped;
import static dev.sipbridge.core.tool.ProtocolEvents.conversationItemDone;
import static dev.sipbridge.core.tool.ProtocolEvents.error;
import static dev.sipbridge.core.tool.ProtocolEvents.functionCall;
import static dev.sipbridge.core.tool.ProtocolEvents.message;
import static dev.sipbridge.core.tool.ProtocolEvents.outputItemDone;
import static dev.sipbridge.core.tool.ProtocolEvents.responseCreated;
import static dev.sipbridge.core.tool.ProtocolEvents.responseDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.call.TestCalls;
import dev.sipbridge.core.lifecycle.RecordingObserver;
import dev.sipbridge.core.lifecycle.RecordingObserver.ToolFinished;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.realtime.ServerEvent;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FunctionCallProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration GRACE = Duration.ofMillis(100);
  private static final String ARGS = "{\"order_id\":\"A-1\"}";

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final RecordingObserver observer = new RecordingObserver();
  /** Released after each test, so no worker stays blocked. */
  private final CountDownLatch gate = new CountDownLatch(1);

  @BeforeAll
  static void pollQuickly() {
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    gate.countDown();
    scheduler.shutdownNow();
    workers.shutdownNow();
    assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void sameCallInEveryEvent_runsOnceAndIsAnsweredOnce() {
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<ToolCall> seen = new AtomicReference<>();
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", call -> {
      runs.incrementAndGet();
      seen.set(call);
      return ToolResult.ok("{\"status\":\"shipped\"}");
    }));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    feed(protocol, outputItemDone("call_a", "lookup", ARGS));
    feed(protocol, conversationItemDone("call_a", "lookup", ARGS));
    feed(protocol, responseDone("resp_1", message("one moment"), functionCall("call_a", "lookup",
        ARGS)));

    await().until(() -> timeline().contains("response.create"));
    assertThat(timeline()).containsExactly("output:call_a", "response.create");
    assertThat(runs).hasValue(1);
    assertThat(output("call_a")).isEqualTo("{\"status\":\"shipped\"}");
    assertThat(seen.get().toolCallId()).isEqualTo("call_a");
    assertThat(seen.get().argument("order_id")).contains("A-1");
    assertThat(seen.get().call().id().value()).isEqualTo("rtc_1");
    assertThat(observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.OK));
  }

  @ParameterizedEvents
  void callSeenInOneEventOnly_isAnsweredThenResponseCreated(String event) {
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));

    feed(protocol, event);

    await().until(() -> timeline().contains("response.create"));
    assertThat(timeline()).containsExactly("output:call_a", "response.create");
  }

  @Test
  void callInResponseDoneOnly_isAnsweredThenResponseCreated() {
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, responseDone("resp_1", functionCall("call_a", "lookup", ARGS)));

    await().until(() -> timeline().contains("response.create"));
    assertThat(timeline()).containsExactly("output:call_a", "response.create");
  }

  @Test
  void callDuringActiveResponse_responseCreateWaitsForResponseDone() {
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    await().until(() -> !protocol.busy());
    assertThat(timeline()).containsExactly("output:call_a");

    feed(protocol, responseDone("resp_1", functionCall("call_a", "lookup", ARGS)));

    assertThat(timeline()).containsExactly("output:call_a", "response.create");
  }

  @Test
  void twoCallsInOneResponse_twoOutputsThenOneResponseCreate() {
    FunctionCallProtocol protocol = protocol(TIMEOUT,
        tool("lookup", c -> ToolResult.ok("{}")), tool("weather", c -> ToolResult.ok("{}")));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    feed(protocol, argumentsDone("call_b", "weather", "{}"));
    await().until(() -> !protocol.busy());
    feed(protocol, responseDone("resp_1", functionCall("call_a", "lookup", ARGS),
        functionCall("call_b", "weather", "{}")));

    assertThat(timeline()).containsExactlyInAnyOrder("output:call_a", "output:call_b",
        "response.create");
    assertThat(timeline()).last().isEqualTo("response.create");
  }

  @Test
  void twoCallsOnlyInResponseDone_slowOneHoldsTheResponseCreate() {
    CountDownLatch release = new CountDownLatch(1);
    FunctionCallProtocol protocol = protocol(TIMEOUT,
        tool("fast", c -> ToolResult.ok("{}")),
        tool("slow", c -> {
          release.await();
          return ToolResult.ok("{}");
        }));

    feed(protocol, responseDone("resp_1", functionCall("call_a", "fast", "{}"),
        functionCall("call_b", "slow", "{}")));
    await().until(() -> timeline().contains("output:call_a"));
    assertThat(timeline()).containsExactly("output:call_a");

    release.countDown();

    await().until(() -> timeline().contains("response.create"));
    assertThat(timeline()).containsExactly("output:call_a", "output:call_b", "response.create");
  }

  @Test
  void twoCallsOnlyInResponseDone_toolsFinishingAtOnce_stillOneResponseCreate() {
    // Workers that run each tool on the spot: a tool is done before the next call is seen.
    FunctionCallProtocol protocol = new FunctionCallProtocol(TestCalls.incoming("rtc_1"),
        new ToolRegistry(List.of(tool("lookup", c -> ToolResult.ok("{}")))), Runnable::run,
        scheduler, TIMEOUT, GRACE, sent::add, observer::toolFinished);

    feed(protocol, responseDone("resp_1", functionCall("call_a", "lookup", "{}"),
        functionCall("call_b", "nope", "{}")));

    assertThat(timeline()).containsExactly("output:call_a", "output:call_b", "response.create");
  }

  @Test
  void unknownTool_errorOutputThenResponseCreate() throws Exception {
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));

    feed(protocol, argumentsDone("call_a", "launch_rockets", "{}"));

    assertErrorAnswer("call_a", "launch_rockets");
    assertThat(observer.tools())
        .containsExactly(new ToolFinished("launch_rockets", ToolOutcome.UNKNOWN_TOOL));
  }

  @Test
  void argumentsNotJson_errorOutputAndHandlerNotRun() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> {
      runs.incrementAndGet();
      return ToolResult.ok("{}");
    }));

    feed(protocol, argumentsDone("call_a", "lookup", "{\"order_id\": A-1"));

    assertErrorAnswer("call_a", "JSON");
    assertThat(runs).hasValue(0);
    assertThat(observer.tools())
        .containsExactly(new ToolFinished("lookup", ToolOutcome.BAD_ARGUMENTS));
  }

  @Test
  void handlerThrows_errorOutputThenResponseCreate() throws Exception {
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> {
      throw new UncheckedIOException(new java.io.IOException("disk on fire"));
    }));

    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    assertErrorAnswer("call_a", "failed");
    assertThat(observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.FAILED));
  }

  @Test
  void handlerThrowsCheckedException_errorOutput() throws Exception {
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> {
      throw new Exception("checked");
    }));

    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    assertErrorAnswer("call_a", "failed");
  }

  @Test
  void handlerThrowsAdapterException_errorOutputIsGenericAndLeaksNothing() throws Exception {
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("transfer_to_human", c -> {
      throw new AdapterException("twilio", "add participant", 503, true, "unavailable", null);
    }));

    feed(protocol, argumentsDone("call_a", "transfer_to_human", "{}"));

    assertErrorAnswer("call_a", "the tool failed unexpectedly");
    assertThat(observer.tools())
        .containsExactly(new ToolFinished("transfer_to_human", ToolOutcome.FAILED));
  }

  @Test
  void handlerReturnsNothing_errorOutput() throws Exception {
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> null));

    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    assertErrorAnswer("call_a", "nothing");
  }

  @Test
  void handlerReportsFailure_itsOutputIsSentAndCountedFailed() {
    FunctionCallProtocol protocol =
        protocol(TIMEOUT, tool("lookup", c -> ToolResult.failed("no such order")));

    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    await().until(() -> timeline().contains("response.create"));
    assertThat(output("call_a")).isEqualTo("{\"error\":\"no such order\"}");
    assertThat(observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.FAILED));
  }

  @Test
  void handlerSlowerThanTimeout_timeoutErrorOutputAndLateResultDropped() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    FunctionCallProtocol protocol = protocol(Duration.ofMillis(100), tool("lookup", c -> {
      try {
        release.await();
        return ToolResult.ok("{\"late\":true}");
      } finally {
        returned.countDown();
      }
    }));

    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    assertErrorAnswer("call_a", "did not answer");
    assertThat(observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.TIMEOUT));

    release.countDown();
    assertThat(returned.await(5, TimeUnit.SECONDS)).isTrue();
    awaitWorkersIdle();
    assertThat(timeline()).containsExactly("output:call_a", "response.create");
    assertThat(observer.tools()).hasSize(1);
  }

  @Test
  void emptyArguments_handlerGetsAnEmptyObject() {
    AtomicReference<ToolCall> seen = new AtomicReference<>();
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("end_call", c -> {
      seen.set(c);
      return ToolResult.ok("{}");
    }));

    feed(protocol, argumentsDone("call_a", "end_call", ""));

    await().until(() -> seen.get() != null);
    assertThat(seen.get().arguments().isObject()).isTrue();
    assertThat(seen.get().arguments().size()).isZero();
  }

  @Test
  void handler_runsOffTheCallingThread() {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> {
      ranOn.set(Thread.currentThread());
      gate.await();
      return ToolResult.ok("{}");
    }));

    // Returns although the handler blocks: the handler is not on this thread.
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    await().until(() -> ranOn.get() != null);
    assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
    assertThat(protocol.busy()).isTrue();
    assertThat(sent).isEmpty();
  }

  @Test
  void activeResponseError_responseCreateResentAfterNextResponseDone() {
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    await().until(() -> timeline().contains("response.create"));

    feed(protocol, error("conversation_already_has_active_response"));
    feed(protocol, responseCreated("resp_server"));
    assertThat(timeline()).containsExactly("output:call_a", "response.create");

    feed(protocol, responseDone("resp_server", message("hello?")));

    assertThat(timeline()).containsExactly("output:call_a", "response.create", "response.create");
  }

  @Test
  void otherError_doesNotResendResponseCreate() {
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    await().until(() -> timeline().contains("response.create"));

    feed(protocol, error("invalid_value"));
    feed(protocol, responseCreated("resp_2"));
    feed(protocol, responseDone("resp_2", message("sure")));

    assertThat(timeline()).containsExactly("output:call_a", "response.create");
  }

  @Test
  void okThen_runsWhenTheAnsweringResponseStoppedSpeaking() throws Exception {
    AtomicInteger hangUps = new AtomicInteger();
    FunctionCallProtocol protocol = protocol(TIMEOUT, endCall(hangUps));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, argumentsDone("call_a", "end_call", "{}"));
    await().until(() -> !protocol.busy());
    feed(protocol, audioStopped("resp_1"));
    feed(protocol, responseDone("resp_1", functionCall("call_a", "end_call", "{}")));
    assertThat(timeline()).containsExactly("output:call_a", "response.create");

    feed(protocol, responseCreated("resp_2"));
    feed(protocol, audioStopped("resp_1"));
    awaitSchedulerIdle();
    assertThat(hangUps).as("not before the answering response spoke").hasValue(0);

    feed(protocol, audioStopped("resp_2"));

    await().until(() -> hangUps.get() == 1);
    feed(protocol, responseDone("resp_2", message("goodbye")));
    feed(protocol, audioStopped("resp_2"));
    awaitSchedulerIdle();
    assertThat(hangUps).as("runs once").hasValue(1);
  }

  @Test
  void okThen_runsAGraceAfterTheAnsweringResponseIsDone() throws Exception {
    AtomicInteger hangUps = new AtomicInteger();
    FunctionCallProtocol protocol = protocol(TIMEOUT, endCall(hangUps));

    feed(protocol, responseDone("resp_1", functionCall("call_a", "end_call", "{}")));
    await().until(() -> timeline().contains("response.create"));
    feed(protocol, responseCreated("resp_2"));
    awaitSchedulerIdle();
    assertThat(hangUps).hasValue(0);

    feed(protocol, responseDone("resp_2", message("goodbye")));

    await().until(() -> hangUps.get() == 1);
    feed(protocol, audioStopped("resp_2"));
    awaitSchedulerIdle();
    assertThat(hangUps).hasValue(1);
  }

  @Test
  void close_resultsOfRunningToolsAreNotSent() {
    CountDownLatch release = new CountDownLatch(1);
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> {
      release.await();
      return ToolResult.ok("{}");
    }));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    await().until(protocol::busy);

    protocol.close();
    release.countDown();

    await().until(() -> !protocol.busy());
    assertThat(sent).isEmpty();
    assertThat(observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.OK));
  }

  @Test
  void close_laterCallsAreNotRun() {
    AtomicInteger runs = new AtomicInteger();
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> {
      runs.incrementAndGet();
      return ToolResult.ok("{}");
    }));

    protocol.close();
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    feed(protocol, responseDone("resp_1", functionCall("call_a", "lookup", ARGS)));

    assertThat(protocol.busy()).isFalse();
    assertThat(runs).hasValue(0);
    assertThat(sent).isEmpty();
  }

  @Test
  void close_armedActionsNeverRun() throws Exception {
    AtomicInteger hangUps = new AtomicInteger();
    FunctionCallProtocol protocol = protocol(TIMEOUT, endCall(hangUps));
    feed(protocol, argumentsDone("call_a", "end_call", "{}"));
    await().until(() -> timeline().contains("response.create"));
    feed(protocol, responseCreated("resp_2"));

    protocol.close();
    feed(protocol, responseDone("resp_2", message("bye")));
    feed(protocol, audioStopped("resp_2"));

    awaitSchedulerIdle();
    assertThat(hangUps).hasValue(0);
  }

  @Test
  void itemsThatAreNotFunctionCallsOrHaveNoCallId_areIgnored() {
    AtomicInteger runs = new AtomicInteger();
    FunctionCallProtocol protocol = protocol(TIMEOUT, tool("lookup", c -> {
      runs.incrementAndGet();
      return ToolResult.ok("{}");
    }));

    feed(protocol, "{\"type\":\"response.function_call_arguments.done\",\"name\":\"lookup\"}");
    feed(protocol, "{\"type\":\"conversation.item.done\",\"item\":{\"type\":\"function_call_output\","
        + "\"call_id\":\"call_a\",\"output\":\"{}\"}}");
    feed(protocol, responseDone("resp_1", message("hi"),
        JSON.createObjectNode().put("type", "function_call").put("name", "lookup")));

    assertThat(protocol.busy()).isFalse();
    assertThat(runs).hasValue(0);
    assertThat(sent).isEmpty();
  }

  // ---- helpers

  /** Runs a test once per event type that may carry a function call on its own. */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource(
      "dev.sipbridge.core.tool.FunctionCallProtocolTest#singleEvents")
  @interface ParameterizedEvents {}

  static List<String> singleEvents() {
    return List.of(
        argumentsDone("call_a", "lookup", ARGS),
        outputItemDone("call_a", "lookup", ARGS),
        conversationItemDone("call_a", "lookup", ARGS),
        responseDone("resp_1", functionCall("call_a", "lookup", ARGS)));
  }

  private FunctionCallProtocol protocol(Duration timeout, Tool... tools) {
    return new FunctionCallProtocol(TestCalls.incoming("rtc_1"), new ToolRegistry(List.of(tools)),
        workers, scheduler, timeout, GRACE, sent::add, observer::toolFinished);
  }

  private static Tool tool(String name, ToolHandler handler) {
    return Tool.withoutParameters(name, "a test tool", handler);
  }

  private static Tool endCall(AtomicInteger hangUps) {
    return tool("end_call", c -> ToolResult.okThen("{\"ok\":true}", hangUps::incrementAndGet));
  }

  private static void feed(FunctionCallProtocol protocol, String json) {
    protocol.onEvent(ServerEvent.parse(json).orElseThrow());
  }

  /** What was sent, in order: {@code output:<call_id>} or the event type. */
  private List<String> timeline() {
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
  private String output(String callId) {
    return sent.stream().map(FunctionCallProtocolTest::read)
        .filter(n -> n.path("item").path("call_id").asText().equals(callId))
        .map(n -> n.path("item").path("output").asText())
        .findFirst().orElseThrow();
  }

  /** The call got exactly one output, a JSON error mentioning {@code fragment}, then a response. */
  private void assertErrorAnswer(String callId, String fragment) throws Exception {
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
  private void awaitSchedulerIdle() throws Exception {
    scheduler.submit(() -> {}).get(5, TimeUnit.SECONDS);
  }

  /** Both worker threads have finished what they were running. */
  private void awaitWorkersIdle() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    CountDownLatch done = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> probes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      probes.add(workers.submit(() -> {
        bothRunning.countDown();
        return done.await(5, TimeUnit.SECONDS);
      }));
    }
    assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
    done.countDown();
    for (java.util.concurrent.Future<?> f : probes) {
      f.get(5, TimeUnit.SECONDS);
    }
  }
}
