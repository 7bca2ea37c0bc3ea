package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedOpenAi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code transfer_call} and {@code end_call} on the shipped bridge, driven by the reference's
 * function-call sequence (§5.1) as raw frames. The model may never answer the function output
 * (§5.2: it continues only when asked, and nothing guarantees it does): the bridge must act anyway.
 */
class ReferenceToolsEndToEndTest {
  private static final String TARGET = "tel:+14155550199";

  /** Plays nothing by itself and never answers a response.create: the test sends every event. */
  private final SimulatedOpenAi openAi =
      SimulatedOpenAi.start(ConversationScript.builder().awaitGreeting(false).stayOpen().build());

  private RunningBridge bridge;

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
    openAi.close();
  }

  private SimulatedCall callAsksFor(String callId, String tool) {
    bridge = RunningBridge.start(openAi, Map.of("TRANSFER_TARGET", TARGET), Extensions.none());
    assertThat(bridge.callArrives(callId)).isEqualTo(200);
    SimulatedCall call = openAi.call(callId);
    await().atMost(Duration.ofSeconds(10)).until(call::isOpen);
    new ReferenceScenario()
        .callerTurn("item_U1", null)
        .callerTranscript("item_U1", "Please put me through.")
        .add(
            "function-call",
            Map.of("r", "resp_1", "f", "item_F1", "u", "item_U1", "tool", tool, "call", "call_T1"))
        .playOn(call);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !call.framesReceived("response.create").isEmpty());
    assertThat(call.framesReceived("conversation.item.create").get(0)).contains("call_T1");
    return call;
  }

  private List<String> requestsEndingWith(String action) {
    return openAi.requests().stream()
        .filter(r -> r.path().endsWith("/" + action))
        .map(SimulatedOpenAi.Recorded::body)
        .toList();
  }

  @Test
  void transferCall_modelNeverAnswersTheOutput_referAnyway() {
    SimulatedCall call = callAsksFor("rtc_ref_refer", "transfer_call");

    await().atMost(Duration.ofSeconds(15)).until(() -> !requestsEndingWith("refer").isEmpty());

    assertThat(requestsEndingWith("refer")).singleElement().asString().contains(TARGET);
    assertThat(call.awaitEnd(Duration.ofSeconds(10))).isEqualTo(1000);
  }

  @Test
  void endCall_modelNeverAnswersTheOutput_hangUpAnyway() {
    SimulatedCall call = callAsksFor("rtc_ref_hangup", "end_call");

    await().atMost(Duration.ofSeconds(15)).until(call::hangupRequested);

    assertThat(call.awaitEnd(Duration.ofSeconds(10))).isEqualTo(1000);
  }

  @Test
  void transferCall_followUpSpoken_referOnceItsAudioStopped() {
    SimulatedCall call = callAsksFor("rtc_ref_refer2", "transfer_call");
    ReferenceScenario goodbye =
        new ReferenceScenario()
            .agentSpeaks("resp_2", "item_A2", "item_F1", "Transferring you to the front desk now.");
    goodbye.playOn(call);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> requestsEndingWith("refer").isEmpty());

    new ReferenceScenario().audioStopped("resp_2", "item_A2").playOn(call);

    await().atMost(Duration.ofSeconds(10)).until(() -> !requestsEndingWith("refer").isEmpty());
    assertThat(requestsEndingWith("refer")).hasSize(1);
  }
}
