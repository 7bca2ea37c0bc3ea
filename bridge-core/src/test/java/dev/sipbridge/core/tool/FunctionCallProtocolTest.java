package dev.sipbridge.core.tool;

import static dev.sipbridge.core.tool.ProtocolEvents.argumentsDone;
import static dev.sipbridge.core.tool.ProtocolEvents.conversationItemDone;
import static dev.sipbridge.core.tool.ProtocolEvents.error;
import static dev.sipbridge.core.tool.ProtocolEvents.functionCall;
import static dev.sipbridge.core.tool.ProtocolEvents.message;
import static dev.sipbridge.core.tool.ProtocolEvents.outputItemDone;
import static dev.sipbridge.core.tool.ProtocolEvents.responseCreated;
import static dev.sipbridge.core.tool.ProtocolEvents.responseDone;
import static dev.sipbridge.core.tool.ProtocolFixture.ARGS;
import static dev.sipbridge.core.tool.ProtocolFixture.GRACE;
import static dev.sipbridge.core.tool.ProtocolFixture.JSON;
import static dev.sipbridge.core.tool.ProtocolFixture.TIMEOUT;
import static dev.sipbridge.core.tool.ProtocolFixture.feed;
import static dev.sipbridge.core.tool.ProtocolFixture.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.TestCalls;
import dev.sipbridge.core.lifecycle.RecordingObserver.ToolFinished;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How function calls are detected, deduplicated and answered, and when the response is created. */
class FunctionCallProtocolTest {
  private final ProtocolFixture f = new ProtocolFixture();

  @AfterEach
  void close() throws InterruptedException {
    f.close();
  }

  @Test
  void sameCallInEveryEvent_runsOnceAndIsAnsweredOnce() {
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<ToolCall> seen = new AtomicReference<>();
    FunctionCallProtocol protocol =
        f.protocol(
            TIMEOUT,
            tool(
                "lookup",
                call -> {
                  runs.incrementAndGet();
                  seen.set(call);
                  return ToolResult.ok("{\"status\":\"shipped\"}");
                }));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    feed(protocol, outputItemDone("call_a", "lookup", ARGS));
    feed(protocol, conversationItemDone("call_a", "lookup", ARGS));
    feed(
        protocol,
        responseDone("resp_1", message("one moment"), functionCall("call_a", "lookup", ARGS)));

    await().until(() -> f.timeline().contains("response.create"));
    assertThat(f.timeline()).containsExactly("output:call_a", "response.create");
    assertThat(runs).hasValue(1);
    assertThat(f.output("call_a")).isEqualTo("{\"status\":\"shipped\"}");
    assertThat(seen.get().toolCallId()).isEqualTo("call_a");
    assertThat(seen.get().argument("order_id")).contains("A-1");
    assertThat(seen.get().call().id().value()).isEqualTo("rtc_1");
    assertThat(f.observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.OK));
  }

  @ParameterizedEvents
  void callSeenInOneEventOnly_isAnsweredThenResponseCreated(String event) {
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));

    feed(protocol, event);

    await().until(() -> f.timeline().contains("response.create"));
    assertThat(f.timeline()).containsExactly("output:call_a", "response.create");
  }

  @Test
  void callInResponseDoneOnly_isAnsweredThenResponseCreated() {
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, responseDone("resp_1", functionCall("call_a", "lookup", ARGS)));

    await().until(() -> f.timeline().contains("response.create"));
    assertThat(f.timeline()).containsExactly("output:call_a", "response.create");
  }

  @Test
  void callDuringActiveResponse_responseCreateWaitsForResponseDone() {
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    await().until(() -> !protocol.busy());
    assertThat(f.timeline()).containsExactly("output:call_a");

    feed(protocol, responseDone("resp_1", functionCall("call_a", "lookup", ARGS)));

    assertThat(f.timeline()).containsExactly("output:call_a", "response.create");
  }

  @Test
  void twoCallsInOneResponse_twoOutputsThenOneResponseCreate() {
    FunctionCallProtocol protocol =
        f.protocol(
            TIMEOUT,
            tool("lookup", c -> ToolResult.ok("{}")),
            tool("weather", c -> ToolResult.ok("{}")));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    feed(protocol, argumentsDone("call_b", "weather", "{}"));
    await().until(() -> !protocol.busy());
    feed(
        protocol,
        responseDone(
            "resp_1",
            functionCall("call_a", "lookup", ARGS),
            functionCall("call_b", "weather", "{}")));

    assertThat(f.timeline())
        .containsExactlyInAnyOrder("output:call_a", "output:call_b", "response.create");
    assertThat(f.timeline()).last().isEqualTo("response.create");
  }

  @Test
  void twoCallsOnlyInResponseDone_slowOneHoldsTheResponseCreate() {
    CountDownLatch release = new CountDownLatch(1);
    FunctionCallProtocol protocol =
        f.protocol(
            TIMEOUT,
            tool("fast", c -> ToolResult.ok("{}")),
            tool(
                "slow",
                c -> {
                  release.await();
                  return ToolResult.ok("{}");
                }));

    feed(
        protocol,
        responseDone(
            "resp_1", functionCall("call_a", "fast", "{}"), functionCall("call_b", "slow", "{}")));
    await().until(() -> f.timeline().contains("output:call_a"));
    assertThat(f.timeline()).containsExactly("output:call_a");

    release.countDown();

    await().until(() -> f.timeline().contains("response.create"));
    assertThat(f.timeline()).containsExactly("output:call_a", "output:call_b", "response.create");
  }

  @Test
  void twoCallsOnlyInResponseDone_toolsFinishingAtOnce_stillOneResponseCreate() {
    // Workers that run each tool on the spot: a tool is done before the next call is seen.
    FunctionCallProtocol protocol =
        new FunctionCallProtocol(
            TestCalls.incoming("rtc_1"),
            new ToolRegistry(List.of(tool("lookup", c -> ToolResult.ok("{}")))),
            Runnable::run,
            f.scheduler,
            TIMEOUT,
            GRACE,
            f.sent::add,
            f.observer::toolRan);

    feed(
        protocol,
        responseDone(
            "resp_1",
            functionCall("call_a", "lookup", "{}"),
            functionCall("call_b", "nope", "{}")));

    assertThat(f.timeline()).containsExactly("output:call_a", "output:call_b", "response.create");
  }

  @Test
  void emptyArguments_handlerGetsAnEmptyObject() {
    AtomicReference<ToolCall> seen = new AtomicReference<>();
    FunctionCallProtocol protocol =
        f.protocol(
            TIMEOUT,
            tool(
                "end_call",
                c -> {
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
    FunctionCallProtocol protocol =
        f.protocol(
            TIMEOUT,
            tool(
                "lookup",
                c -> {
                  ranOn.set(Thread.currentThread());
                  f.gate.await();
                  return ToolResult.ok("{}");
                }));

    // Returns although the handler blocks: the handler is not on this thread.
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    await().until(() -> ranOn.get() != null);
    assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
    assertThat(protocol.busy()).isTrue();
    assertThat(f.sent).isEmpty();
  }

  @Test
  void itemsThatAreNotFunctionCallsOrHaveNoCallId_areIgnored() {
    AtomicInteger runs = new AtomicInteger();
    FunctionCallProtocol protocol =
        f.protocol(
            TIMEOUT,
            tool(
                "lookup",
                c -> {
                  runs.incrementAndGet();
                  return ToolResult.ok("{}");
                }));

    feed(protocol, "{\"type\":\"response.function_call_arguments.done\",\"name\":\"lookup\"}");
    feed(
        protocol,
        "{\"type\":\"conversation.item.done\",\"item\":{\"type\":\"function_call_output\","
            + "\"call_id\":\"call_a\",\"output\":\"{}\"}}");
    feed(
        protocol,
        responseDone(
            "resp_1",
            message("hi"),
            JSON.createObjectNode().put("type", "function_call").put("name", "lookup")));

    assertThat(protocol.busy()).isFalse();
    assertThat(runs).hasValue(0);
    assertThat(f.sent).isEmpty();
  }

  @Test
  void activeResponseError_responseCreateResentAfterNextResponseDone() {
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    await().until(() -> f.timeline().contains("response.create"));

    feed(protocol, error("conversation_already_has_active_response"));
    feed(protocol, responseCreated("resp_server"));
    assertThat(f.timeline()).containsExactly("output:call_a", "response.create");

    feed(protocol, responseDone("resp_server", message("hello?")));

    assertThat(f.timeline()).containsExactly("output:call_a", "response.create", "response.create");
  }

  @Test
  void otherError_doesNotResendResponseCreate() {
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    await().until(() -> f.timeline().contains("response.create"));

    feed(protocol, error("invalid_value"));
    feed(protocol, responseCreated("resp_2"));
    feed(protocol, responseDone("resp_2", message("sure")));

    assertThat(f.timeline()).containsExactly("output:call_a", "response.create");
  }

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
}
