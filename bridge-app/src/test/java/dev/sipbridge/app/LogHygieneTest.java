package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every log line of a call carries its id; no line shows a secret or a whole phone number. */
class LogHygieneTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CALLER = "+14155550123";
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level before;

  @BeforeEach
  void capture() {
    before = root.getLevel();
    root.setLevel(Level.DEBUG);
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger("jdk.internal.httpclient")
        .setLevel(Level.WARN);
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void release() {
    root.detachAppender(appender);
    root.setLevel(before);
  }

  @Test
  void aTroubledCall_logsNoSecretAndNoWholeNumber() {
    ConversationScript script =
        ConversationScript.builder()
            .awaitGreeting(false)
            .eventDelay(Duration.ofMillis(1))
            .caller("My number is " + CALLER + ".")
            .agent("Thanks.")
            .callerHangsUp()
            .build();
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(script);
        SimulatedDiscord discord = SimulatedDiscord.start()) {
      discord.failNext(401, 1);
      openAi.failAccept(500, 1);
      RunningBridge bridge =
          RunningBridge.start(
              openAi,
              Map.of("DISCORD_WEBHOOK_URL", discord.webhookUrl().toString()),
              Extensions.none());
      try {
        assertThat(
                bridge.callArrives(
                    "rtc_logs1",
                    List.of(
                        Map.entry("From", "\"Jane\" <sip:" + CALLER + "@sip.twilio.com>"),
                        Map.entry("To", "<sip:+18005550100@sip.twilio.com>"))))
            .isEqualTo(200);
        openAi.call("rtc_logs1").awaitEnd(Duration.ofSeconds(20));
        await()
            .until(
                () ->
                    appender.list.stream()
                        .anyMatch(
                            e -> e.getFormattedMessage().contains("call_id=rtc_logs1 ended")));
      } finally {
        bridge.close();
      }
      String token = discord.webhookUrl().getPath().replaceAll(".*/", "");
      String all =
          appender.list.stream().map(LogHygieneTest::text).collect(Collectors.joining("\n"));
      assertThat(all)
          .contains("call_id=rtc_logs1 accept attempt 1 failed")
          .doesNotContain(RunningBridge.API_KEY)
          .doesNotContain(token)
          .doesNotContain(CALLER)
          .doesNotContain("whsec_");
      List<ILoggingEvent> callLines =
          appender.list.stream()
              .filter(e -> e.getLoggerName().startsWith("dev.sipbridge.core.lifecycle"))
              .collect(Collectors.toList());
      assertThat(callLines)
          .isNotEmpty()
          .allMatch(
              e ->
                  e.getFormattedMessage().startsWith("call_id=")
                      || e.getFormattedMessage().startsWith("draining")
                      || e.getFormattedMessage().startsWith("shutdown"));
    }
  }

  @Test
  void badSignature_loggedOnceWithItsReason() throws Exception {
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(ConversationScript.builder().build());
        RunningBridge bridge = RunningBridge.start(openAi, Map.of(), Extensions.none())) {
      WebhookSigner.SignedWebhook good =
          bridge.signer.incomingCall(
              "rtc_logs2", WebhookSigner.sipHeaders("sip:+14155550123@x", "sip:+18005550100@x"));
      Map<String, String> badSignature = new HashMap<>(good.headers());
      badSignature.put("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
      Map<String, String> noId = new HashMap<>(good.headers());
      noId.remove("webhook-id");

      assertThat(bridge.post("/openai/webhook", badSignature, good.body()).statusCode())
          .isEqualTo(400);
      assertThat(bridge.post("/openai/webhook", noId, good.body()).statusCode()).isEqualTo(400);

      List<String> rejections =
          appender.list.stream()
              .map(ILoggingEvent::getFormattedMessage)
              .filter(m -> m.contains("rejected"))
              .toList();
      assertThat(rejections)
          .hasSize(2)
          .allSatisfy(
              m -> {
                assertThat(m).startsWith("webhook rejected: ");
                assertThat(m.indexOf("rejected")).isEqualTo(m.lastIndexOf("rejected"));
              });
      assertThat(rejections.get(0)).containsIgnoringCase("signature");
      assertThat(rejections.get(1)).contains("webhook-id");
    }
  }

  @Test
  void jsonLines_parseAndCarryTheCallId() throws Exception {
    JsonLineEncoder encoder = new JsonLineEncoder();
    ch.qos.logback.classic.spi.LoggingEvent event =
        new ch.qos.logback.classic.spi.LoggingEvent(
            "x",
            root,
            Level.WARN,
            "call_id={} socket dropped ({}); re-attaching",
            new IllegalStateException("boom"),
            new Object[] {"rtc_json1", 1006});

    JsonNode line = JSON.readTree(new String(encoder.encode(event), StandardCharsets.UTF_8));

    assertThat(line.path("call_id").asText()).isEqualTo("rtc_json1");
    assertThat(line.path("message").asText()).isEqualTo("socket dropped (1006); re-attaching");
    assertThat(line.path("level").asText()).isEqualTo("WARN");
    assertThat(line.path("error").asText()).contains("IllegalStateException: boom");
    assertThat(line.path("ts").asText()).isNotBlank();
  }

  private static String text(ILoggingEvent e) {
    return e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage());
  }
}
