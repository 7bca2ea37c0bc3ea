package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeConfigTest {
  /** The two required variables, nothing else. */
  static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_API_KEY", "sk-live-SECRET-KEY");
    env.put("OPENAI_WEBHOOK_SECRET", "whsec_c2VjcmV0LXNlY3JldA==");
    return env;
  }

  @Test
  void minimalEnvironment_usesSpecDefaults() {
    BridgeConfig c = BridgeConfig.fromEnv(minimal());

    assertThat(c.openAi().baseUrl()).hasToString("https://api.openai.com/v1");
    assertThat(c.agent().model()).isEqualTo("gpt-realtime-2.1");
    assertThat(c.agent().voice()).isEqualTo("marin");
    assertThat(c.agent().transcriptionModel()).contains("gpt-transcribe");
    assertThat(c.agent().transcriptionLanguage()).isEmpty();
    assertThat(c.agent().welcomeMessage()).isEmpty();
    assertThat(c.agent().instructions()).isNotBlank();
    assertThat(c.server().port()).isEqualTo(8080);
    assertThat(c.server().maxConcurrentCalls()).isEqualTo(500);
    assertThat(c.server().maxConnectionsPerAddress()).isEqualTo(100);
    assertThat(c.server().transcriptOrderWait()).isEqualTo(Duration.ofMillis(2000));
    assertThat(c.server().maxCallDuration()).isEqualTo(Duration.ofSeconds(3600));
    assertThat(c.server().drain()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.discord()).isEmpty();
    assertThat(c.twilio()).isEmpty();
    assertThat(c.voiceRoute()).isFalse();
  }

  @Test
  void emptyTranscriptionModel_turnsCallerTranscriptionOff() {
    Map<String, String> env = minimal();
    env.put("INPUT_TRANSCRIPTION_MODEL", "");

    assertThat(BridgeConfig.fromEnv(env).agent().transcriptionModel()).isEmpty();
  }

  @Test
  void everyBadVariable_isNamedInOneException() {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "http");
    env.put("OPENAI_BASE_URL", "not a url");
    env.put("MAX_CONCURRENT_CALLS", "0");
    env.put("HTTP_MAX_CONNECTIONS_PER_ADDRESS", "-1");
    env.put("PROMPT_PATH", "/does/not/exist.txt");
    env.put("TRANSFER_TARGET", "+15551234567");
    env.put("LOG_FORMAT", "xml");

    assertThatThrownBy(() -> BridgeConfig.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .anyMatch(p -> p.startsWith("OPENAI_API_KEY"))
                    .anyMatch(p -> p.startsWith("OPENAI_WEBHOOK_SECRET"))
                    .anyMatch(p -> p.startsWith("PORT"))
                    .anyMatch(p -> p.startsWith("OPENAI_BASE_URL"))
                    .anyMatch(p -> p.startsWith("MAX_CONCURRENT_CALLS"))
                    .anyMatch(p -> p.startsWith("HTTP_MAX_CONNECTIONS_PER_ADDRESS"))
                    .anyMatch(p -> p.startsWith("PROMPT_PATH"))
                    .anyMatch(p -> p.startsWith("TRANSFER_TARGET"))
                    .anyMatch(p -> p.startsWith("LOG_FORMAT")));
  }

  @Test
  void secretValues_neverAppearInProblemsOrToString() {
    Map<String, String> env = minimal();
    env.put("DISCORD_WEBHOOK_URL", "ftp://discord.com/api/webhooks/1/TOKEN-SECRET");
    env.put("TWILIO_AUTH_TOKEN", "TWILIO-SECRET");

    assertThatThrownBy(() -> BridgeConfig.fromEnv(env))
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .contains("DISCORD_WEBHOOK_URL", "TWILIO_ACCOUNT_SID")
                    .doesNotContain("TOKEN-SECRET", "TWILIO-SECRET"));

    Map<String, String> good = minimal();
    good.put("DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/TOKEN-SECRET");
    assertThat(BridgeConfig.fromEnv(good).toString())
        .doesNotContain("TOKEN-SECRET", "sk-live-SECRET-KEY", "c2VjcmV0");
  }

  @Test
  void promptPath_becomesInstructions(@TempDir Path dir) throws Exception {
    Path prompt = dir.resolve("prompt.txt");
    Files.writeString(prompt, "  You answer for ACME.\n");
    Map<String, String> env = minimal();
    env.put("PROMPT_PATH", prompt.toString());

    assertThat(BridgeConfig.fromEnv(env).agent().instructions()).isEqualTo("You answer for ACME.");
  }

  @Test
  void twilioVariables_turnOnTheVoiceRoute() {
    Map<String, String> env = minimal();
    env.put("TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32));
    env.put("TWILIO_AUTH_TOKEN", "token");
    env.put("OPENAI_PROJECT_ID", "proj_abc");
    env.put("PUBLIC_BASE_URL", "https://bridge.example.com");
    env.put("HUMAN_AGENT_NUMBER", "+15551230000");

    BridgeConfig c = BridgeConfig.fromEnv(env);

    assertThat(c.voiceRoute()).isTrue();
    assertThat(c.twilio().orElseThrow().humanLabel()).isEqualTo("human agent");
    assertThat(c.twilio().orElseThrow().apiBaseUrl()).hasToString("https://api.twilio.com");
  }

  @Test
  void twilioSidWithoutToken_isAnError() {
    Map<String, String> env = minimal();
    env.put("TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32));

    assertThatThrownBy(() -> BridgeConfig.fromEnv(env))
        .hasMessageContaining("TWILIO_AUTH_TOKEN is required");
  }

  @Test
  void dtmfDigitAndTransferTarget_areValidated() {
    Map<String, String> env = minimal();
    env.put("TRANSFER_TARGET", "sip:frontdesk@pbx.example.com");
    env.put("DTMF_TRANSFER_DIGIT", "0");

    BridgeConfig c = BridgeConfig.fromEnv(env);

    assertThat(c.transferTarget()).contains("sip:frontdesk@pbx.example.com");
    assertThat(c.dtmfTransferDigit()).contains("0");
    env.put("DTMF_TRANSFER_DIGIT", "00");
    assertThatThrownBy(() -> BridgeConfig.fromEnv(env)).hasMessageContaining("DTMF_TRANSFER_DIGIT");
  }

  @Test
  void operatorToken_isOptionalShortOnesAreRefusedWithoutShowingThem() {
    Map<String, String> env = minimal();
    assertThat(BridgeConfig.fromEnv(env).operator().token()).isEmpty();

    env.put("OPERATOR_TOKEN", "short-secret");
    assertThatThrownBy(() -> BridgeConfig.fromEnv(env))
        .hasMessageContaining("OPERATOR_TOKEN")
        .hasMessageNotContaining("short-secret");
    env.put("OPERATOR_TOKEN", "has a space in it, 123456");
    assertThatThrownBy(() -> BridgeConfig.fromEnv(env)).hasMessageContaining("OPERATOR_TOKEN");

    env.put("OPERATOR_TOKEN", "a-long-enough-operator-token");
    BridgeConfig c = BridgeConfig.fromEnv(env);
    assertThat(c.operator().token().orElseThrow().reveal())
        .isEqualTo("a-long-enough-operator-token");
    assertThat(c.toString()).doesNotContain("a-long-enough-operator-token");
    assertThat(c.operator().metricsRequireToken()).isFalse();
  }

  @Test
  void metricsRequireToken_needsTheOperatorToken() {
    Map<String, String> env = minimal();
    env.put("METRICS_REQUIRE_TOKEN", "true");
    assertThatThrownBy(() -> BridgeConfig.fromEnv(env))
        .hasMessageContaining("METRICS_REQUIRE_TOKEN");

    env.put("OPERATOR_TOKEN", "a-long-enough-operator-token");
    assertThat(BridgeConfig.fromEnv(env).operator().metricsRequireToken()).isTrue();
  }
}
