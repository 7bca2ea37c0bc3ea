package dev.sipbridge.core.lifecycle;

import static dev.sipbridge.core.lifecycle.LifecycleHarness.timeline;
import static dev.sipbridge.core.tool.ProtocolEvents.argumentsDone;
import static dev.sipbridge.core.tool.ProtocolEvents.audioStopped;
import static dev.sipbridge.core.tool.ProtocolEvents.error;
import static dev.sipbridge.core.tool.ProtocolEvents.functionCall;
import static dev.sipbridge.core.tool.ProtocolEvents.message;
import static dev.sipbridge.core.tool.ProtocolEvents.responseCreated;
import static dev.sipbridge.core.tool.ProtocolEvents.responseDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.fake.FakeTranscriptSink;
import dev.sipbridge.core.lifecycle.RecordingObserver.ToolFinished;
import dev.sipbridge.core.realtime.ClientEvents;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolOutcome;
import dev.sipbridge.core.tool.ToolResult;
import dev.sipbridge.core.transcript.CallTranscript;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallSessionTest {
  private static final CallId RTC_1 = new CallId("rtc_1");
  private static final Tool LOOKUP =
      Tool.withoutParameters("lookup", "Look up", c -> ToolResult.ok("{\"found\":true}"));

  private final LifecycleHarness h = new LifecycleHarness();

  @AfterEach
  void close() throws InterruptedException {
    h.close();
  }

  @Test
  void normalClose_endsCallerHungUpAndForgetsTheCall() {
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    socket.drop(true);

    await().until(() -> h.sink.ended().size() == 1);
    CallTranscript transcript = h.sink.ended().get(0);
    assertThat(transcript.endReason()).isEqualTo(EndReason.CALLER_HUNG_UP);
    assertThat(transcript.call().id()).isEqualTo(RTC_1);
    assertThat(h.observer.ended()).containsExactly(EndReason.CALLER_HUNG_UP);
    assertThat(lifecycle.activeCalls()).isZero();
    assertThat(h.control.requests("hangup")).isEmpty();

    lifecycle.hangUp(RTC_1, EndReason.AGENT_HUNG_UP);
    lifecycle.tellModel(RTC_1, ClientEvents.systemNote("late"));
    assertThat(h.control.requests("hangup")).isEmpty();
    assertThat(h.opens("rtc_1")).isEqualTo(1);
  }

  @Test
  void failingSink_neverBreaksTheCall() {
    FakeTranscriptSink broken = new FakeTranscriptSink().failing(true);
    CallLifecycle lifecycle =
        CallLifecycle.builder()
            .settings(LifecycleHarness.SETTINGS)
            .callControl(h.control)
            .realtimeChannel(h.channel)
            .sinks(List.of(broken, h.sink))
            .tools(List.of(LOOKUP))
            .observer(h.observer)
            .threads(h.scheduler, h.workers)
            .build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    socket.receive(argumentsDone("call_a", "lookup", "{}"));
    await().until(() -> timeline(socket).contains("output:call_a"));
    socket.drop(true);

    await().until(() -> h.sink.ended().size() == 1);
    assertThat(h.sink.started()).extracting(c -> c.id()).containsExactly(RTC_1);
    assertThat(h.sink.ended().get(0).endReason()).isEqualTo(EndReason.CALLER_HUNG_UP);
    assertThat(broken.started()).isEmpty();
    assertThat(h.observer.ended()).containsExactly(EndReason.CALLER_HUNG_UP);
    assertThat(lifecycle.activeCalls()).isZero();
  }

  @Test
  void toolCallOnTheSocket_answeredThenOneResponseAndObserved() {
    CallLifecycle lifecycle = h.builder().tools(List.of(LOOKUP)).build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    await().until(() -> socket.sent().size() == 1);

    socket.receive(responseCreated("resp_1"));
    socket.receive(argumentsDone("call_a", "lookup", "{}"));
    await().until(() -> timeline(socket).contains("output:call_a"));
    socket.receive(responseDone("resp_1", functionCall("call_a", "lookup", "{}")));

    assertThat(timeline(socket))
        .containsExactly("response.create", "output:call_a", "response.create");
    assertThat(h.observer.tools()).containsExactly(new ToolFinished("lookup", ToolOutcome.OK));
  }

  @Test
  void endCallTool_hangsUpAfterTheGoodbyeAndEndsAgentHungUp() {
    // The built-in end_call tool.
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    socket.receive(responseDone("resp_1", functionCall("call_a", "end_call", "{}")));
    await().until(() -> timeline(socket).contains("output:call_a"));
    await().until(() -> timeline(socket).lastIndexOf("response.create") > 0);
    socket.receive(responseCreated("resp_2"));
    assertThat(h.control.requests("hangup")).isEmpty();
    socket.receive(audioStopped("resp_2"));

    await().until(() -> h.control.requests("hangup").size() == 1);
    assertThat(h.observer.ended()).isEmpty();
    socket.drop(true);

    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.AGENT_HUNG_UP);
  }

  @Test
  void hangUp_requestsHangupAndEndsWithThatReasonWhenTheSocketCloses() {
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    lifecycle.hangUp(RTC_1, EndReason.AGENT_HUNG_UP);
    lifecycle.hangUp(RTC_1, EndReason.MAX_DURATION);

    await().until(() -> h.control.requests("hangup").size() == 1);
    assertThat(h.control.requests("hangup").get(0).callId()).isEqualTo(RTC_1);
    assertThat(lifecycle.activeCalls()).isEqualTo(1);

    socket.drop(true);

    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.AGENT_HUNG_UP);
    await().until(() -> h.sink.ended().size() == 1);
    assertThat(h.sink.ended().get(0).endReason()).isEqualTo(EndReason.AGENT_HUNG_UP);
    assertThat(h.control.requests("hangup")).hasSize(1);
  }

  @Test
  void hangUpThenAbnormalCloseAndCallGone_endsWithTheHangUpReason() {
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    lifecycle.hangUp(RTC_1, EndReason.AGENT_HUNG_UP);
    await().until(() -> h.control.requests("hangup").size() == 1);
    h.channel.failNextOpen(404);

    socket.drop(false);

    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.AGENT_HUNG_UP);
    assertThat(lifecycle.activeCalls()).isZero();
  }

  @Test
  void maxCallDuration_hangsUpAndEndsMaxDuration() {
    CallLifecycle lifecycle =
        h.builder()
            .settings(
                LifecycleHarness.SETTINGS.withMaxCallDuration(java.time.Duration.ofMillis(50)))
            .build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    await().until(() -> h.control.requests("hangup").size() == 1);
    socket.drop(true);

    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.MAX_DURATION);
  }

  @Test
  void endingBecauseTransferred_endsTransferredWhenTheSocketCloses() {
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    lifecycle.endingBecause(RTC_1, EndReason.TRANSFERRED);
    socket.drop(true);

    await().until(() -> h.observer.ended().size() == 1);
    assertThat(h.observer.ended()).containsExactly(EndReason.TRANSFERRED);
    assertThat(h.control.requests("hangup")).isEmpty();
  }

  @Test
  void tellModel_goesOutOnTheCallSocketAndAsksForAResponse() {
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");
    String note = ClientEvents.systemNote("The transfer failed.");

    lifecycle.tellModel(RTC_1, note);
    lifecycle.tellModel(new CallId("rtc_other"), note);

    // The greeting may go out before or after: what matters is the note, then a response.
    await().until(() -> socket.sent().contains(note));
    assertThat(socket.sent()).containsSubsequence(note, ClientEvents.responseCreate());
  }

  @Test
  void framesThatAreNotEventsOrUnknown_areSkippedAndTheCallGoesOn() {
    CallLifecycle lifecycle = h.builder().tools(List.of(LOOKUP)).build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    for (String frame :
        List.of(
            "not json at all",
            "\u0000\u0001\u0002\ufffd\u00ff",
            "",
            "null",
            "[1,2,3]",
            "{\"no_type\":true}",
            "{\"type\":42}",
            "{\"type\":\"response.done\"",
            "{\"type\":\"response.done\",\"response\":\"odd\"}",
            "{\"type\":\"response.audio_transcript.delta\",\"delta\":\"hi\"}",
            "{\"type\":\"some.future.event\",\"payload\":{\"x\":[1]}}")) {
      socket.receive(frame);
    }
    socket.receive(argumentsDone("call_a", "lookup", "{}"));

    await().until(() -> timeline(socket).contains("output:call_a"));
    assertThat(socket.isClosed()).isFalse();
    assertThat(h.observer.ended()).isEmpty();
    assertThat(lifecycle.activeCalls()).isEqualTo(1);
  }

  @Test
  void realtimeError_isObservedAndTheCallGoesOn() {
    CallLifecycle lifecycle = h.builder().build();
    FakeRealtimeChannel.Socket socket = h.acceptLive(lifecycle, "rtc_1");

    socket.receive(error("invalid_value"));
    socket.receive(responseDone("resp_1", message("hello")));

    assertThat(h.observer.realtimeErrors()).containsExactly("invalid_value");
    assertThat(h.observer.ended()).isEmpty();
    assertThat(socket.isClosed()).isFalse();
  }
}
