package dev.sipbridge.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.openai.client.OpenAIClient;
import com.openai.core.http.Headers;
import com.openai.errors.InvalidWebhookSignatureException;
import com.openai.models.webhooks.WebhookVerificationParams;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.WebhookVerifier;
import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WebhookVerifier}: openai-java's {@code webhooks().verifySignature(...)} checks the
 * delivery (Standard Webhooks, HMAC-SHA256, 5-minute timestamp tolerance checked against the
 * injected clock); the verified body is then read once as a Jackson tree.
 *
 * <p>Pure and thread-safe; it never touches the network, so one instance serves every request.
 * {@link Rejected} reasons name what was wrong and never contain the secret; they are bare reasons
 * (the HTTP handler logs them after its own "webhook rejected: ").
 */
public final class OpenAiWebhookVerifier implements WebhookVerifier {
  static final String CALL_INCOMING = "realtime.call.incoming";
  private static final ObjectReader BODY_READER = new ObjectMapper().reader();

  private final OpenAIClient client;
  private final String secret;
  private final Clock clock;

  /** Verifies against the system clock. */
  public OpenAiWebhookVerifier(OpenAiSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /**
   * @param clock both the "now" of the timestamp tolerance and the call's {@code receivedAt}
   * @throws IllegalArgumentException when a {@code whsec_} secret is not valid Base64
   */
  public OpenAiWebhookVerifier(OpenAiSettings settings, Clock clock) {
    this.secret = checkedSecret(settings.webhookSecret());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.client = SdkClients.create(settings, clock);
  }

  @Override
  public WebhookEvent verify(byte[] rawBody, Map<String, String> headers) {
    if (rawBody == null || headers == null) {
      throw new Rejected("no body or headers");
    }
    Optional<String> webhookId = header(headers, "webhook-id");
    Headers.Builder signed = Headers.builder();
    for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      header(headers, name).ifPresent(value -> signed.put(name, value));
    }
    checkSignature(rawBody, signed.build());
    JsonNode body = parse(rawBody);
    JsonNode type = body.path("type");
    if (!type.isTextual() || type.asText().isBlank()) {
      throw new Rejected("verified webhook body has no event type");
    }
    if (type.asText().equals(CALL_INCOMING)) {
      return callIncoming(webhookId.orElseThrow(), body.path("data"));
    }
    return new OtherEvent(webhookId.orElseThrow(), type.asText());
  }

  /**
   * The SDK checks the signature only: its {@code unwrap} would also bind the body to a union of
   * every webhook event type, which cost more CPU than the rest of the webhook
   * (docs/performance.md); the bridge reads the three fields it needs from one tree instead.
   */
  private void checkSignature(byte[] rawBody, Headers signed) {
    try {
      client
          .webhooks()
          .verifySignature(
              WebhookVerificationParams.builder()
                  .payload(rawBody)
                  .headers(signed)
                  .secret(secret)
                  .build());
    } catch (InvalidWebhookSignatureException e) {
      throw new Rejected("bad signature: " + reason(e));
    } catch (IllegalArgumentException e) {
      throw new Rejected(reason(e)); // a missing webhook-* header, named by the SDK
    } catch (RuntimeException e) {
      // a delivery we cannot verify is not authentic
      throw new Rejected("cannot be verified: " + e.getClass().getSimpleName());
    }
  }

  private static JsonNode parse(byte[] rawBody) {
    try {
      JsonNode body = BODY_READER.readTree(rawBody);
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (IOException e) {
      // falls through: not JSON
    }
    throw new Rejected("verified webhook body is not a JSON event");
  }

  private WebhookEvent callIncoming(String webhookId, JsonNode data) {
    if (!data.isObject()) {
      throw new Rejected(CALL_INCOMING + " without data (so no data.call_id)");
    }
    JsonNode callId = data.path("call_id");
    if (!callId.isTextual() || callId.asText().isBlank()) {
      throw new Rejected(CALL_INCOMING + " without a readable data.call_id");
    }
    List<SipHeader> sipHeaders = new ArrayList<>();
    for (JsonNode h : data.path("sip_headers")) {
      JsonNode name = h.path("name");
      if (name.isTextual()) {
        JsonNode value = h.path("value");
        sipHeaders.add(new SipHeader(name.asText(), value.isTextual() ? value.asText() : ""));
      }
    }
    return new CallIncoming(
        webhookId,
        IncomingCall.of(callId(callId.asText()), SipHeaders.of(sipHeaders), clock.instant()));
  }

  /** A signed body can still carry an id that must not reach a URL or a log line (400). */
  private static CallId callId(String raw) {
    try {
      return new CallId(raw);
    } catch (IllegalArgumentException e) {
      throw new Rejected(CALL_INCOMING + " with a malformed data.call_id: " + e.getMessage());
    }
  }

  private String reason(RuntimeException e) {
    return Redaction.scrub(e.getMessage(), secret);
  }

  private static Optional<String> header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey() != null && e.getValue() != null && e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  private static String checkedSecret(String secret) {
    if (secret.startsWith("whsec_")) {
      try {
        Base64.getDecoder().decode(secret.substring("whsec_".length()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("webhookSecret: the text after whsec_ is not Base64");
      }
    }
    return secret;
  }
}
