package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.SimulatedTwilio;
import dev.sipbridge.testkit.SimulatedTwilio.Participant;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole voice route: Twilio's voice webhook → conference TwiML and the agent's leg → OpenAI's
 * webhook with X-conferenceName → the model calls transfer_to_human → the human is dialled → the
 * function output is sent → the human joins → the agent's leg is hung up.
 */
class VoiceRouteEndToEndTest {
  private static final String SID = "AC" + "0".repeat(32);
  private static final String TOKEN = "twilio-auth-token";
  private static final String PUBLIC = "https://bridge.example.com";
  private static final String CONFERENCE = "CA11111111111111111111111111111111";
  private static final String CALLER = "+15551230000";
  private static final String HUMAN = "+15559870000";
  private static final String CALL_TOKEN = "%7B%22parentCallInfoToken%22%3A%22eyJ.x.y%22%7D";

  private final ConversationScript script =
      ConversationScript.builder()
          .eventDelay(Duration.ofMillis(1))
          .awaitGreeting(false)
          .caller("I'd like to talk to a person, please.")
          .toolCall("transfer_to_human", "{}")
          .agent("Sure, I'm connecting you to a colleague now.")
          .stayOpen()
          .build();
  private final SimulatedOpenAi openAi = SimulatedOpenAi.start(script);
  private final SimulatedTwilio twilio = SimulatedTwilio.start(SID, TOKEN);
  private RunningBridge bridge;

  @BeforeEach
  void start() {
    Map<String, String> env = new HashMap<>();
    env.put("TWILIO_ACCOUNT_SID", SID);
    env.put("TWILIO_AUTH_TOKEN", TOKEN);
    env.put("TWILIO_API_BASE_URL", twilio.baseUrl().toString());
    env.put("OPENAI_PROJECT_ID", "proj_test");
    env.put("PUBLIC_BASE_URL", PUBLIC);
    env.put("HUMAN_AGENT_NUMBER", HUMAN);
    bridge = RunningBridge.start(openAi, env, Extensions.none());
  }

  @AfterEach
  void stop() {
    bridge.close();
    openAi.close();
    twilio.close();
  }

  @Test
  void humanTransfer_wholeRoute() throws Exception {
    Map<String, String> voice = new LinkedHashMap<>();
    voice.put("CallSid", CONFERENCE);
    voice.put("From", CALLER);
    voice.put("To", "+18005550100");
    voice.put("CallToken", CALL_TOKEN);
    HttpResponse<String> twiml = signedPost("/twilio/voice", voice);

    assertThat(twiml.statusCode()).isEqualTo(200);
    assertThat(twiml.headers().firstValue("content-type").orElse("")).contains("xml");
    assertThat(twiml.body())
        .contains(
            "<Conference",
            ">" + CONFERENCE + "</Conference>",
            "participantLabel=\"customer\"",
            "endConferenceOnExit=\"true\"",
            PUBLIC + "/twilio/conference-events");
    Participant agentLeg = participant("virtual agent");
    assertThat(form(agentLeg, "To"))
        .isEqualTo("sip:proj_test@sip.api.openai.com;transport=tls?X-conferenceName=" + CONFERENCE);
    assertThat(form(agentLeg, "From")).isEqualTo(CALLER);
    assertThat(form(agentLeg, "CallToken")).isEqualTo(CALL_TOKEN);
    assertThat(form(agentLeg, "Label")).isEqualTo("virtual agent");
    assertThat(form(agentLeg, "EarlyMedia")).isEqualTo("false");

    String callId = "rtc_voice000000000000000000000001";
    assertThat(
            bridge.callArrives(
                callId,
                List.of(
                    Map.entry("From", "<sip:" + CALLER + "@sip.twilio.com>"),
                    Map.entry("To", "<sip:proj_test@sip.api.openai.com>"),
                    Map.entry("X-conferenceName", CONFERENCE))))
        .isEqualTo(200);

    await().atMost(Duration.ofSeconds(10)).until(() -> twilio.participants().size() == 2);
    Participant human = participant("human agent");
    assertThat(form(human, "To")).isEqualTo(HUMAN);
    assertThat(form(human, "From")).isEqualTo(CALLER);
    assertThat(form(human, "CallToken")).isEqualTo(CALL_TOKEN);
    assertThat(form(human, "Label")).isEqualTo("human agent");
    assertThat(form(human, "EarlyMedia")).isEqualTo("false");
    SimulatedCall call = openAi.call(callId);
    await().until(() -> call.toolOutputs().size() == 1);
    assertThat(call.toolOutputs().values().iterator().next()).contains("calling_human");
    assertThat(call.hangupRequested()).isFalse();

    HttpResponse<String> joined =
        signedPost(
            "/twilio/conference-events",
            Map.of(
                "StatusCallbackEvent",
                "participant-join",
                "FriendlyName",
                CONFERENCE,
                "ParticipantLabel",
                "human agent",
                "ConferenceSid",
                "CF1",
                "CallSid",
                "CA2"));

    assertThat(joined.statusCode()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(call::hangupRequested);
    assertThat(call.awaitEnd(Duration.ofSeconds(10))).isEqualTo(1000);
    assertThat(twilio.participants())
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.conference()).isEqualTo(CONFERENCE));
  }

  @Test
  void badTwilioSignature_is403AndNothingIsDialled() throws Exception {
    Map<String, String> voice = Map.of("CallSid", CONFERENCE, "From", CALLER);
    HttpResponse<String> response =
        bridge.post(
            "/twilio/voice",
            Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Twilio-Signature",
                "bm90IGEgc2lnbmF0dXJl"),
            TwilioSignatures.form(voice));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(twilio.participants()).isEmpty();
  }

  @Test
  void agentLegCannotBeDialled_callerHearsAnApology() throws Exception {
    twilio.failWhen(p -> p.field("Label").orElse("").equals("virtual agent"), 500, 1);

    HttpResponse<String> twiml =
        signedPost(
            "/twilio/voice",
            Map.of("CallSid", CONFERENCE, "From", CALLER, "CallToken", CALL_TOKEN));

    assertThat(twiml.statusCode()).isEqualTo(200);
    assertThat(twiml.body()).contains("<Say>").contains("<Hangup/>").doesNotContain("Conference");
    assertThat(twilio.participants()).extracting(Participant::status).containsExactly(500);
  }

  private HttpResponse<String> signedPost(String path, Map<String, String> params)
      throws Exception {
    String signature = TwilioSignatures.sign(TOKEN, PUBLIC + path, params);
    return bridge.post(
        path,
        Map.of(
            "Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature),
        TwilioSignatures.form(params));
  }

  private Participant participant(String label) {
    return twilio.participant(label).orElseThrow();
  }

  private static String form(Participant participant, String field) {
    return participant.form().get(field);
  }
}
