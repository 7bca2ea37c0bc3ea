package dev.sipbridge.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.call.AgentProfile;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.AcceptRequest;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolResult;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiCallControlTest {
  static final String API_KEY = "sk-test-FAKEKEY0123456789abcdef";
  private static final CallId CALL = new CallId("rtc_x");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},"
          + "\"required\":[\"order_id\"]}";
  private static final Tool LOOKUP =
      Tool.of("lookup_order", "Look up an order", SCHEMA, call -> ToolResult.ok("{}"));

  private final MockWebServer server = new MockWebServer();
  private OpenAiCallControl control;

  @BeforeEach
  void start() throws IOException {
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    control = controlWithTimeout(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws IOException {
    control.close();
    server.shutdown();
  }

  @Test
  void acceptWithToolsAndLanguage_sendsSessionConfig() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));

    control.accept(
        CALL,
        new AcceptRequest(
            profile(Optional.of("gpt-transcribe"), Optional.of("en")), List.of(LOOKUP)));

    RecordedRequest request = takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/realtime/calls/rtc_x/accept");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(request.getHeader("OpenAI-Beta")).isNull();
    String text = request.getBody().readUtf8();
    JsonNode body = JSON.readTree(text);
    assertThat(body.path("type").asText()).isEqualTo("realtime");
    assertThat(body.path("model").asText()).isEqualTo("gpt-realtime-2.1");
    assertThat(body.path("instructions").asText()).isEqualTo("You are the phone agent.");
    assertThat(body.path("output_modalities")).isEqualTo(JSON.readTree("[\"audio\"]"));
    assertThat(body.at("/audio/output/voice").asText()).isEqualTo("marin");
    assertThat(body.at("/audio/input/transcription"))
        .isEqualTo(JSON.readTree("{\"model\":\"gpt-transcribe\",\"language\":\"en\"}"));
    assertThat(body.path("tools")).hasSize(1);
    JsonNode tool = body.path("tools").get(0);
    assertThat(tool.path("type").asText()).isEqualTo("function");
    assertThat(tool.path("name").asText()).isEqualTo("lookup_order");
    assertThat(tool.path("description").asText()).isEqualTo("Look up an order");
    assertThat(tool.path("parameters")).isEqualTo(JSON.readTree(SCHEMA));
    assertThat(text).doesNotContain("threshold", "prefix_padding_ms", "silence_duration_ms");
  }

  @Test
  void acceptWithoutLanguage_sendsModelOnly() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));

    control.accept(
        CALL,
        new AcceptRequest(profile(Optional.of("gpt-transcribe"), Optional.empty()), List.of()));

    JsonNode body = JSON.readTree(takeRequest().getBody().readUtf8());
    assertThat(body.at("/audio/input/transcription"))
        .isEqualTo(JSON.readTree("{\"model\":\"gpt-transcribe\"}"));
    assertThat(body.has("tools")).isFalse();
  }

  @Test
  void acceptWithTranscriptionOff_sendsNoInputAudioConfig() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));

    control.accept(
        CALL, new AcceptRequest(profile(Optional.empty(), Optional.of("en")), List.of()));

    JsonNode body = JSON.readTree(takeRequest().getBody().readUtf8());
    assertThat(body.path("audio").has("input")).isFalse();
    assertThat(body.at("/audio/output/voice").asText()).isEqualTo("marin");
  }

  @Test
  void reject_postsSipStatus() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));

    control.reject(CALL, 486);

    RecordedRequest request = takeRequest();
    assertThat(request.getPath()).isEqualTo("/v1/realtime/calls/rtc_x/reject");
    assertThat(JSON.readTree(request.getBody().readUtf8()))
        .isEqualTo(JSON.readTree("{\"status_code\":486}"));
  }

  @Test
  void refer_postsTargetUri() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));

    control.refer(CALL, "tel:+14155550123");

    RecordedRequest request = takeRequest();
    assertThat(request.getPath()).isEqualTo("/v1/realtime/calls/rtc_x/refer");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(JSON.readTree(request.getBody().readUtf8()))
        .isEqualTo(JSON.readTree("{\"target_uri\":\"tel:+14155550123\"}"));
  }

  @Test
  void hangUp_postsWithoutBody() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200));

    control.hangUp(CALL);

    RecordedRequest request = takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/realtime/calls/rtc_x/hangup");
    assertThat(request.getBodySize()).isZero();
    assertThat(request.getHeader("OpenAI-Beta")).isNull();
  }

  @Test
  void malformedBodyOnSuccess_ignored() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200).setBody("{not json"));

    control.hangUp(CALL);

    assertThat(takeRequest().getPath()).endsWith("/hangup");
  }

  @Test
  void notFound_becomesNotFoundAdapterException() {
    server.enqueue(error(404, "Call rtc_x not found"));

    AdapterException e = catchThrowableOfType(AdapterException.class, () -> control.hangUp(CALL));

    assertThat(e.notFound()).isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(e.vendor()).isEqualTo("openai");
    assertThat(e.operation()).isEqualTo("hangup");
    assertThat(e.getMessage()).contains("404").contains("Call rtc_x not found");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 429, 408})
  void serverErrorOrThrottle_retryableAfterExactlyOneRequest(int status) {
    server.enqueue(error(status, "try later"));
    server.enqueue(error(status, "try later"));

    AdapterException e =
        catchThrowableOfType(
            AdapterException.class,
            () ->
                control.accept(
                    CALL,
                    new AcceptRequest(profile(Optional.empty(), Optional.empty()), List.of())));

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.retryable()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 409, 422})
  void clientError_notRetryable(int status) {
    server.enqueue(
        error(status, "Unknown parameter: 'session.audio.input.turn_detection.threshold'"));

    AdapterException e =
        catchThrowableOfType(AdapterException.class, () -> control.reject(CALL, 486));

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("Unknown parameter");
  }

  @Test
  void noResponse_timesOutRetryable() {
    control.close();
    control = controlWithTimeout(Duration.ofMillis(300));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    AdapterException e = catchThrowableOfType(AdapterException.class, () -> control.hangUp(CALL));

    assertThat(e.status()).isZero();
    assertThat(e.retryable()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void connectionRefused_retryable() throws IOException {
    URI closed = server.url("/v1").uri();
    server.shutdown();
    try (OpenAiCallControl refused =
        new OpenAiCallControl(
            OpenAiSettings.of(API_KEY, WebhookSigner.SECRET).withBaseUrl(closed))) {

      AdapterException e = catchThrowableOfType(AdapterException.class, () -> refused.hangUp(CALL));

      assertThat(e.status()).isZero();
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).doesNotContain(API_KEY);
    }
  }

  @Test
  void serverEchoesTheKey_noKeyInAnyExceptionText() {
    server.enqueue(
        error(401, "Incorrect API key provided: " + API_KEY + " (Bearer " + API_KEY + ")"));

    AdapterException e = catchThrowableOfType(AdapterException.class, () -> control.hangUp(CALL));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage())
        .contains("Incorrect API key provided")
        .doesNotContain(API_KEY)
        .doesNotContain("FAKEKEY");
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t)).doesNotContain("FAKEKEY");
    }
  }

  @Test
  void invalidArguments_throwBeforeAnyRequest() {
    assertThatThrownBy(() -> control.reject(CALL, 200))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> control.refer(CALL, " ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  private OpenAiCallControl controlWithTimeout(Duration timeout) {
    return new OpenAiCallControl(
        OpenAiSettings.of(API_KEY, WebhookSigner.SECRET)
            .withBaseUrl(server.url("/v1").uri())
            .withTimeouts(timeout, timeout));
  }

  private RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("request reached the fake").isNotNull();
    return request;
  }

  private static MockResponse error(int status, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"error\":{\"message\":\""
                + message
                + "\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":null}}");
  }

  private static AgentProfile profile(Optional<String> transcription, Optional<String> language) {
    return new AgentProfile(
        "gpt-realtime-2.1",
        "marin",
        "You are the phone agent.",
        Optional.empty(),
        transcription,
        language);
  }
}
