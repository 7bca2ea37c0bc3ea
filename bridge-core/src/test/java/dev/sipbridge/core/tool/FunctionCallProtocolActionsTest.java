package dev.sipbridge.core.tool;

import static dev.sipbridge.core.tool.ProtocolEvents.argumentsDone;
import static dev.sipbridge.core.tool.ProtocolEvents.audioStopped;
import static dev.sipbridge.core.tool.ProtocolEvents.functionCall;
import static dev.sipbridge.core.tool.ProtocolEvents.message;
import static dev.sipbridge.core.tool.ProtocolEvents.responseCreated;
import static dev.sipbridge.core.tool.ProtocolEvents.responseDone;
import static dev.sipbridge.core.tool.ProtocolFixture.ARGS;
import static dev.sipbridge.core.tool.ProtocolFixture.TIMEOUT;
import static dev.sipbridge.core.tool.ProtocolFixture.endCall;
import static dev.sipbridge.core.tool.ProtocolFixture.feed;
import static dev.sipbridge.core.tool.ProtocolFixture.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.lifecycle.RecordingObserver.ToolFinished;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When after-response actions run, and what closing the protocol stops. */
class FunctionCallProtocolActionsTest {
  private final ProtocolFixture f = new ProtocolFixture();

  @AfterEach
  void close() throws InterruptedException {
    f.close();
  }

  @Test
  void okThen_runsWhenTheAnsweringResponseStoppedSpeaking() throws Exception {
    AtomicInteger hangUps = new AtomicInteger();
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, endCall(hangUps));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, argumentsDone("call_a", "end_call", "{}"));
    await().until(() -> !protocol.busy());
    feed(protocol, audioStopped("resp_1"));
    feed(protocol, responseDone("resp_1", functionCall("call_a", "end_call", "{}")));
    assertThat(f.timeline()).containsExactly("output:call_a", "response.create");

    feed(protocol, responseCreated("resp_2"));
    feed(protocol, audioStopped("resp_1"));
    f.awaitSchedulerIdle();
    assertThat(hangUps).as("not before the answering response spoke").hasValue(0);

    feed(protocol, audioStopped("resp_2"));

    await().until(() -> hangUps.get() == 1);
    feed(protocol, responseDone("resp_2", message("goodbye")));
    feed(protocol, audioStopped("resp_2"));
    f.awaitSchedulerIdle();
    assertThat(hangUps).as("runs once").hasValue(1);
  }

  @Test
  void okThen_runsAGraceAfterTheAnsweringResponseIsDone() throws Exception {
    AtomicInteger hangUps = new AtomicInteger();
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, endCall(hangUps));

    feed(protocol, responseDone("resp_1", functionCall("call_a", "end_call", "{}")));
    await().until(() -> f.timeline().contains("response.create"));
    feed(protocol, responseCreated("resp_2"));
    f.awaitSchedulerIdle();
    assertThat(hangUps).hasValue(0);

    feed(protocol, responseDone("resp_2", message("goodbye")));

    await().until(() -> hangUps.get() == 1);
    feed(protocol, audioStopped("resp_2"));
    f.awaitSchedulerIdle();
    assertThat(hangUps).hasValue(1);
  }

  @Test
  void okThen_noAnsweringResponseEverStarts_runsAboutTwoSecondsAfterTheRequest() throws Exception {
    AtomicInteger hangUps = new AtomicInteger();
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, endCall(hangUps));

    feed(protocol, responseCreated("resp_1"));
    feed(protocol, argumentsDone("call_a", "end_call", "{}"));
    feed(protocol, responseDone("resp_1", functionCall("call_a", "end_call", "{}")));
    await().until(() -> f.timeline().contains("response.create"));
    assertThat(hangUps).as("the model may still answer").hasValue(0);

    // reference §5.2: the model answers a function output only when asked, and may not at all
    await().atMost(Duration.ofSeconds(10)).until(() -> hangUps.get() == 1);
    f.awaitSchedulerIdle();
    assertThat(hangUps).hasValue(1);
  }

  @Test
  void okThen_answeringResponseStartsButIsNeverDone_runsAtTheLimit() throws Exception {
    AtomicInteger hangUps = new AtomicInteger();
    FunctionCallProtocol protocol =
        f.protocol(Duration.ofMillis(200), Duration.ofMillis(600), endCall(hangUps));

    feed(protocol, responseDone("resp_1", functionCall("call_a", "end_call", "{}")));
    await().until(() -> f.timeline().contains("response.create"));
    feed(protocol, responseCreated("resp_2"));
    // past the start wait: a started answer is waited for
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> hangUps.get() == 0);

    await().atMost(Duration.ofSeconds(10)).until(() -> hangUps.get() == 1);
    feed(protocol, responseDone("resp_2", message("bye")));
    feed(protocol, audioStopped("resp_2"));
    f.awaitSchedulerIdle();
    assertThat(hangUps).as("runs once").hasValue(1);
  }

  @Test
  void okThen_requestRefusedWhileAResponseWasActive_waitsForTheRequestSentAfterIt()
      throws Exception {
    AtomicInteger hangUps = new AtomicInteger();
    FunctionCallProtocol protocol =
        f.protocol(Duration.ofMillis(200), Duration.ofSeconds(5), endCall(hangUps));
    feed(protocol, responseDone("resp_1", functionCall("call_a", "end_call", "{}")));
    await().until(() -> f.timeline().contains("response.create"));

    feed(protocol, ProtocolEvents.error("conversation_already_has_active_response"));
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(5))
        .until(() -> hangUps.get() == 0); // the active response may still be speaking

    feed(protocol, responseDone("resp_v", message("Sure.")));
    assertThat(f.timeline()).containsExactly("output:call_a", "response.create", "response.create");
    await().atMost(Duration.ofSeconds(10)).until(() -> hangUps.get() == 1);
  }

  @Test
  void close_resultsOfRunningToolsAreNotSent() {
    CountDownLatch release = new CountDownLatch(1);
    FunctionCallProtocol protocol =
        f.protocol(
            TIMEOUT,
            tool(
                "lookup",
                c -> {
                  release.await();
                  return ToolResult.ok("{}");
                }));
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    await().until(protocol::busy);

    protocol.close();
    release.countDown();

    await().until(() -> !protocol.busy());
    assertThat(f.sent).isEmpty();
    assertThat(f.observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.OK));
  }

  @Test
  void close_laterCallsAreNotRun() {
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

    protocol.close();
    feed(protocol, argumentsDone("call_a", "lookup", ARGS));
    feed(protocol, responseDone("resp_1", functionCall("call_a", "lookup", ARGS)));

    assertThat(protocol.busy()).isFalse();
    assertThat(runs).hasValue(0);
    assertThat(f.sent).isEmpty();
  }

  @Test
  void close_armedActionsNeverRun() throws Exception {
    AtomicInteger hangUps = new AtomicInteger();
    FunctionCallProtocol protocol = f.protocol(TIMEOUT, endCall(hangUps));
    feed(protocol, argumentsDone("call_a", "end_call", "{}"));
    await().until(() -> f.timeline().contains("response.create"));
    feed(protocol, responseCreated("resp_2"));

    protocol.close();
    feed(protocol, responseDone("resp_2", message("bye")));
    feed(protocol, audioStopped("resp_2"));

    f.awaitSchedulerIdle();
    assertThat(hangUps).hasValue(0);
  }
}
