package dev.sipbridge.core.tool;

import static dev.sipbridge.core.tool.ProtocolEvents.argumentsDone;
import static dev.sipbridge.core.tool.ProtocolFixture.ARGS;
import static dev.sipbridge.core.tool.ProtocolFixture.TIMEOUT;
import static dev.sipbridge.core.tool.ProtocolFixture.feed;
import static dev.sipbridge.core.tool.ProtocolFixture.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.lifecycle.RecordingObserver.ToolFinished;
import dev.sipbridge.core.port.AdapterException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How unknown tools, bad arguments, failing and slow handlers are answered. */
class FunctionCallProtocolFailuresTest {
  private final ProtocolFixture f = new ProtocolFixture();

  @AfterEach
  void close() throws InterruptedException {
    f.close();
  }

  @Test
  void unknownTool_errorOutputThenResponseCreate() throws Exception {
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, tool("lookup", c -> ToolResult.ok("{}")));

    feed(protocol, argumentsDone("call_a", "launch_rockets", "{}"));

    f.assertErrorAnswer("call_a", "launch_rockets");
    assertThat(f.observer.tools())
        .containsExactly(new ToolFinished("launch_rockets", ToolOutcome.UNKNOWN_TOOL));
  }

  @Test
  void argumentsNotJson_errorOutputAndHandlerNotRun() throws Exception {
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

    feed(protocol, argumentsDone("call_a", "lookup", "{\"order_id\": A-1"));

    f.assertErrorAnswer("call_a", "JSON");
    assertThat(runs).hasValue(0);
    assertThat(f.observer.tools())
        .containsExactly(new ToolFinished("lookup", ToolOutcome.BAD_ARGUMENTS));
  }

  @Test
  void handlerThrows_errorOutputThenResponseCreate() throws Exception {
    FunctionCallProtocol protocol =
        f.protocol(
            TIMEOUT,
            tool(
                "lookup",
                c -> {
                  throw new UncheckedIOException(new java.io.IOException("disk on fire"));
                }));

    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    f.assertErrorAnswer("call_a", "failed");
    assertThat(f.observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.FAILED));
  }

  @Test
  void handlerThrowsCheckedException_errorOutput() throws Exception {
    FunctionCallProtocol protocol =
        f.protocol(
            TIMEOUT,
            tool(
                "lookup",
                c -> {
                  throw new Exception("checked");
                }));

    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    f.assertErrorAnswer("call_a", "failed");
  }

  @Test
  void handlerThrowsAdapterException_errorOutputIsGenericAndLeaksNothing() throws Exception {
    FunctionCallProtocol protocol =
        f.protocol(
            TIMEOUT,
            tool(
                "transfer_to_human",
                c -> {
                  throw new AdapterException(
                      "twilio", "add participant", 503, true, "unavailable", null);
                }));

    feed(protocol, argumentsDone("call_a", "transfer_to_human", "{}"));

    f.assertErrorAnswer("call_a", "the tool failed unexpectedly");
    assertThat(f.observer.tools())
        .containsExactly(new ToolFinished("transfer_to_human", ToolOutcome.FAILED));
  }

  @Test
  void handlerReturnsNothing_errorOutput() throws Exception {
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, tool("lookup", c -> null));

    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    f.assertErrorAnswer("call_a", "nothing");
  }

  @Test
  void handlerReportsFailure_itsOutputIsSentAndCountedFailed() {
    FunctionCallProtocol protocol =
        f.protocol(TIMEOUT, tool("lookup", c -> ToolResult.failed("no such order")));

    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    await().until(() -> f.timeline().contains("response.create"));
    assertThat(f.output("call_a")).isEqualTo("{\"error\":\"no such order\"}");
    assertThat(f.observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.FAILED));
  }

  @Test
  void handlerSlowerThanTimeout_timeoutErrorOutputAndLateResultDropped() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    FunctionCallProtocol protocol =
        f.protocol(
            Duration.ofMillis(100),
            tool(
                "lookup",
                c -> {
                  try {
                    release.await();
                    return ToolResult.ok("{\"late\":true}");
                  } finally {
                    returned.countDown();
                  }
                }));

    feed(protocol, argumentsDone("call_a", "lookup", ARGS));

    f.assertErrorAnswer("call_a", "did not answer");
    assertThat(f.observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.TIMEOUT));

    release.countDown();
    assertThat(returned.await(5, TimeUnit.SECONDS)).isTrue();
    f.awaitWorkersIdle();
    assertThat(f.timeline()).containsExactly("output:call_a", "response.create");
    assertThat(f.observer.tools()).hasSize(1);
  }
}
