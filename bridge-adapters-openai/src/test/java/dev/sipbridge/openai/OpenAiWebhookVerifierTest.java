package dev.sipbridge.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.WebhookVerifier.CallIncoming;
import dev.sipbridge.core.port.WebhookVerifier.OtherEvent;
import dev.sipbridge.core.port.WebhookVerifier.Rejected;
import dev.sipbridge.core.port.WebhookVerifier.WebhookEvent;
import dev.sipbridge.core.sip.SipHeader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiWebhookVerifierTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_750_287_078L);
  private static final long TS = NOW.getEpochSecond();
  private static final String ID = "wh_685342e6c53c8190a1be43f081506c52";
  private static final String CALL_BODY =
      "{\"object\":\"event\",\"id\":\"evt_685343a1381c819085d44c354e1b330e\","
          + "\"type\":\"realtime.call.incoming\",\"created_at\":1750287018,"
          + "\"data\":{\"call_id\":\"rtc_479a275623b54bdb9b6fbae2f7cbd408\","
          + "\"sip_media_security\":\"srtp\",\"sip_headers\":["
          + "{\"name\":\"From\",\"value\":\"sip:+142555512112@sip.example.com\"},"
          + "{\"name\":\"To\",\"value\":\"sip:+18005551212@sip.example.com\"},"
          + "{\"name\":\"Call-ID\",\"value\":\"03782086-4ce9-44bf-8b0d-4e303d2cc590\"}]}}";

  // thread-safe and pure: one instance serves every test, as it serves every request
  private static final OpenAiWebhookVerifier VERIFIER =
      new OpenAiWebhookVerifier(
          OpenAiSettings.of("sk-test-key", WebhookSigner.SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void validCallIncoming_returnsCallWithHeaders() {
    WebhookEvent event = verify(CALL_BODY, TS);

    assertThat(event).isInstanceOf(CallIncoming.class);
    assertThat(event.webhookId()).isEqualTo(ID);
    assertThat(event.type()).isEqualTo("realtime.call.incoming");
    IncomingCall call = ((CallIncoming) event).call();
    assertThat(call.id().value()).isEqualTo("rtc_479a275623b54bdb9b6fbae2f7cbd408");
    assertThat(call.headers().asList())
        .containsExactly(
            new SipHeader("From", "sip:+142555512112@sip.example.com"),
            new SipHeader("To", "sip:+18005551212@sip.example.com"),
            new SipHeader("Call-ID", "03782086-4ce9-44bf-8b0d-4e303d2cc590"));
    assertThat(call.receivedAt()).isEqualTo(NOW);
  }

  @Test
  void mixedCaseHeaderNames_accepted() {
    byte[] body = bytes(CALL_BODY);
    Map<String, String> headers = new HashMap<>();
    WebhookSigner.headers(WebhookSigner.SECRET, ID, TS, body)
        .forEach((name, value) -> headers.put(name.toUpperCase(), value));

    assertThat(VERIFIER.verify(body, headers)).isInstanceOf(CallIncoming.class);
  }

  @Test
  void timestampJustInsideTolerance_accepted() {
    assertThat(verify(CALL_BODY, TS - 299)).isInstanceOf(CallIncoming.class);
  }

  @Test
  void wrongSecret_rejected() {
    byte[] body = bytes(CALL_BODY);
    Map<String, String> headers = WebhookSigner.headers(WebhookSigner.OTHER_SECRET, ID, TS, body);

    assertRejected(body, headers, "signature");
  }

  @Test
  void bodyChangedByOneByte_rejected() {
    byte[] body = bytes(CALL_BODY);
    Map<String, String> headers = WebhookSigner.headers(WebhookSigner.SECRET, ID, TS, body);
    body[body.length - 3] = (byte) ']' == body[body.length - 3] ? (byte) ' ' : (byte) ']';

    assertRejected(body, headers, "signature");
  }

  @ParameterizedTest
  @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
  void missingHeader_rejected(String header) {
    byte[] body = bytes(CALL_BODY);
    Map<String, String> headers = WebhookSigner.headers(WebhookSigner.SECRET, ID, TS, body);
    headers.remove(header);

    assertRejected(body, headers, header);
  }

  @Test
  void timestamp301SecondsOld_rejected() {
    byte[] body = bytes(CALL_BODY);
    assertRejected(body, WebhookSigner.headers(WebhookSigner.SECRET, ID, TS - 301, body), "old");
  }

  @Test
  void timestampInTheFuture_rejected() {
    byte[] body = bytes(CALL_BODY);
    assertRejected(body, WebhookSigner.headers(WebhookSigner.SECRET, ID, TS + 301, body), "new");
  }

  @ParameterizedTest
  @ValueSource(strings = {"response.completed", "something.brand.new"})
  void otherEventType_returnsOtherEvent(String type) {
    String body =
        "{\"object\":\"event\",\"id\":\"evt_1\",\"type\":\""
            + type
            + "\",\"created_at\":1750287018,\"data\":{\"id\":\"resp_1\"}}";

    WebhookEvent event = verify(body, TS);

    assertThat(event).isEqualTo(new OtherEvent(ID, type));
  }

  @Test
  void validlySignedBodyThatIsNotJson_rejected() {
    byte[] body = bytes("this is not json");
    assertRejected(body, WebhookSigner.headers(WebhookSigner.SECRET, ID, TS, body), "JSON");
  }

  @Test
  void validlySignedJsonWithoutType_rejected() {
    byte[] body = bytes("{\"hello\":1}");
    assertRejected(body, WebhookSigner.headers(WebhookSigner.SECRET, ID, TS, body), "type");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"realtime.call.incoming\",\"id\":\"evt_1\",\"created_at\":1,"
            + "\"data\":{\"sip_headers\":[]}}",
        "{\"type\":\"realtime.call.incoming\",\"id\":\"evt_1\",\"created_at\":1,"
            + "\"data\":{\"call_id\":\"\",\"sip_headers\":[]}}",
        "{\"type\":\"realtime.call.incoming\",\"id\":\"evt_1\",\"created_at\":1}",
        "{\"type\":\"realtime.call.incoming\",\"data\":{\"call_id\":42}}"
      })
  void callIncomingWithoutCallId_rejected(String json) {
    byte[] body = bytes(json);
    assertRejected(body, WebhookSigner.headers(WebhookSigner.SECRET, ID, TS, body), "call_id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtc_1\\r\\nINFO forged", "..", "rtc_../x", "call_1", "rtc_1 "})
  void callIdNotOfOpenAisShape_rejectedAndShownEscaped(String jsonCallId) {
    byte[] body =
        bytes(
            "{\"type\":\"realtime.call.incoming\",\"id\":\"evt_1\","
                + "\"created_at\":1,\"data\":{\"call_id\":\""
                + jsonCallId
                + "\"}}");

    assertThatThrownBy(
            () -> VERIFIER.verify(body, WebhookSigner.headers(WebhookSigner.SECRET, ID, TS, body)))
        .isInstanceOf(Rejected.class)
        .hasMessageContaining("malformed data.call_id")
        .hasMessageNotContaining("\r")
        .hasMessageNotContaining("\n");
  }

  @Test
  void callIncomingWithoutSipHeaders_acceptedWithNoHeaders() {
    String json =
        "{\"type\":\"realtime.call.incoming\",\"id\":\"evt_1\",\"created_at\":1,"
            + "\"data\":{\"call_id\":\"rtc_1\"}}";

    WebhookEvent event = verify(json, TS);

    assertThat(((CallIncoming) event).call().headers().asList()).isEmpty();
  }

  @Test
  void rejectionReasons_neverContainTheSecret() {
    byte[] body = bytes(CALL_BODY);
    String keyPart = WebhookSigner.SECRET.substring("whsec_".length());
    List<Map<String, String>> bad =
        List.of(
            WebhookSigner.headers(WebhookSigner.OTHER_SECRET, ID, TS, body),
            WebhookSigner.headers(WebhookSigner.SECRET, ID, TS - 1000, body),
            WebhookSigner.headers(WebhookSigner.SECRET, ID, TS + 1000, body),
            Map.of("webhook-id", ID, "webhook-timestamp", "soon", "webhook-signature", "v1,x"),
            Map.of());
    for (Map<String, String> headers : bad) {
      Rejected rejected =
          catchThrowableOfType(Rejected.class, () -> VERIFIER.verify(body, headers));
      assertThat(rejected.getMessage()).isNotBlank().doesNotContain(keyPart);
      assertThat(String.valueOf(rejected.getCause())).doesNotContain(keyPart);
    }
  }

  @Test
  void secretThatIsNotBase64_failsAtConstructionWithoutEchoingIt() {
    OpenAiSettings settings = OpenAiSettings.of("sk-test-key", "whsec_not*base64!");

    assertThatThrownBy(() -> new OpenAiWebhookVerifier(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhookSecret")
        .hasMessageNotContaining("not*base64!");
  }

  private WebhookEvent verify(String json, long timestamp) {
    byte[] body = bytes(json);
    return VERIFIER.verify(body, WebhookSigner.headers(WebhookSigner.SECRET, ID, timestamp, body));
  }

  private void assertRejected(byte[] body, Map<String, String> headers, String reasonPart) {
    assertThatThrownBy(() -> VERIFIER.verify(body, headers))
        .isInstanceOf(Rejected.class)
        .hasMessageContaining(reasonPart);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
