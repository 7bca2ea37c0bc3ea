package dev.sipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.Headers;
import com.openai.errors.InvalidWebhookSignatureException;
import com.openai.models.webhooks.RealtimeCallIncomingWebhookEvent;
import com.openai.models.webhooks.UnwrapWebhookEvent;
import com.openai.models.webhooks.WebhookVerificationParams;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  private static final List<Map.Entry<String, String>> SIP_HEADERS =
      List.of(
          Map.entry("From", "sip:+14255551212@sip.example.com"),
          Map.entry("To", "sip:+18005551212@sip.example.com"),
          Map.entry("X-conferenceName", "CA123"));

  private final String secret = WebhookSigner.randomSecret();
  private final WebhookSigner signer = new WebhookSigner(secret);

  @Test
  void randomSecret_isWhsecOver32Bytes() {
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(WebhookSigner.randomSecret()).isNotEqualTo(secret);
  }

  @Test
  void incomingCall_signatureMatchesIndependentHmac() throws Exception {
    WebhookSigner.SignedWebhook webhook = signer.incomingCall("rtc_1", SIP_HEADERS);

    Map<String, String> h = webhook.headers();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    String signed =
        h.get("webhook-id") + "." + h.get("webhook-timestamp") + "." + webhook.bodyText();
    String expected =
        Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    assertThat(h.get("webhook-signature")).isEqualTo("v1," + expected);
    assertThat(h.get("webhook-id")).isEqualTo(webhook.webhookId()).startsWith("wh_");
    assertThat(Long.parseLong(h.get("webhook-timestamp")))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
    assertThat(h).containsEntry("content-type", "application/json");
  }

  @Test
  void incomingCall_bodyHasTheRealtimeCallIncomingShape() {
    JsonNode body =
        SimJson.parseObject(signer.incomingCall("rtc_2", SIP_HEADERS).bodyText()).orElseThrow();

    assertThat(body.path("object").asText()).isEqualTo("event");
    assertThat(body.path("id").asText()).startsWith("evt_");
    assertThat(body.path("type").asText()).isEqualTo("realtime.call.incoming");
    assertThat(body.path("created_at").isIntegralNumber()).isTrue();
    assertThat(body.path("data").path("call_id").asText()).isEqualTo("rtc_2");
    assertThat(body.path("data").path("sip_media_security").asText()).isEqualTo("srtp");
    assertThat(body.path("data").path("sip_headers"))
        .extracting(n -> n.path("name").asText())
        .containsExactly("From", "To", "X-conferenceName");
    assertThat(body.path("data").path("sip_headers").get(2).path("value").asText())
        .isEqualTo("CA123");
  }

  @Test
  void openAiSdk_unwrapsTheSignedWebhook() {
    WebhookSigner.SignedWebhook webhook = signer.incomingCall("rtc_sdk", SIP_HEADERS);

    UnwrapWebhookEvent event = unwrap(webhook);

    assertThat(event.isRealtimeCallIncoming()).isTrue();
    RealtimeCallIncomingWebhookEvent incoming = event.asRealtimeCallIncoming();
    assertThat(incoming.data().callId()).isEqualTo("rtc_sdk");
    assertThat(incoming.data().sipHeaders())
        .extracting(h -> h.value())
        .contains("sip:+14255551212@sip.example.com");
  }

  @Test
  void staleTimestamp_isRejectedBySdk() {
    Clock tenMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
    WebhookSigner.SignedWebhook stale =
        new WebhookSigner(secret, tenMinutesAgo).incomingCall("rtc_old", SIP_HEADERS);

    assertThatThrownBy(() -> unwrap(stale)).isInstanceOf(InvalidWebhookSignatureException.class);
  }

  @Test
  void deliver_postsExactBytesAndHeadersAndReturnsStatus() throws Exception {
    AtomicReference<byte[]> body = new AtomicReference<>();
    AtomicReference<String> signature = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/openai/webhook",
        exchange -> {
          body.set(exchange.getRequestBody().readAllBytes());
          signature.set(exchange.getRequestHeaders().getFirst("webhook-signature"));
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    server.start();
    try {
      WebhookSigner.SignedWebhook webhook = signer.incomingCall("rtc_3", SIP_HEADERS);
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/openai/webhook");

      int status = signer.deliver(TestSocket.HTTP, url, webhook);

      assertThat(status).isEqualTo(202);
      assertThat(body.get()).isEqualTo(webhook.body());
      assertThat(signature.get()).isEqualTo(webhook.headers().get("webhook-signature"));
    } finally {
      server.stop(0);
    }
  }

  private UnwrapWebhookEvent unwrap(WebhookSigner.SignedWebhook webhook) {
    Headers.Builder headers = Headers.builder();
    webhook.headers().forEach(headers::put);
    OpenAIClient client =
        OpenAIOkHttpClient.builder().apiKey("sk-test").webhookSecret(secret).build();
    try {
      return client
          .webhooks()
          .unwrap(
              WebhookVerificationParams.builder()
                  .payload(webhook.body())
                  .headers(headers.build())
                  .build());
    } finally {
      client.close();
    }
  }
}
