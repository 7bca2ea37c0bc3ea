package dev.sipbridge.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.Headers;
import com.openai.errors.InvalidWebhookSignatureException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.models.webhooks.RealtimeCallIncomingWebhookEvent;
import com.openai.models.webhooks.UnwrapWebhookEvent;
import com.openai.models.webhooks.WebhookVerificationParams;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.WebhookVerifier;
import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WebhookVerifier} through openai-java's {@code webhooks().unwrap(...)} (Standard Webhooks,
 * HMAC-SHA256, 5-minute timestamp tolerance checked against the injected clock).
 *
 * <p>Pure and thread-safe; it never touches the network, so one instance serves every request.
 * {@link Rejected} reasons name what was wrong and never contain the secret.
 */
public final class OpenAiWebhookVerifier implements WebhookVerifier {
  static final String CALL_INCOMING = "realtime.call.incoming";

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
      throw new Rejected("webhook without body or headers");
    }
    Optional<String> webhookId = header(headers, "webhook-id");
    Headers.Builder signed = Headers.builder();
    for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      header(headers, name).ifPresent(value -> signed.put(name, value));
    }
    UnwrapWebhookEvent event = unwrap(rawBody, signed.build());
    if (event.isRealtimeCallIncoming()) {
      return callIncoming(webhookId.orElseThrow(), event.asRealtimeCallIncoming());
    }
    JsonNode type = Json.tree(event._json().orElse(null)).path("type");
    if (!type.isTextual() || type.asText().isBlank()) {
      throw new Rejected("verified webhook body has no event type");
    }
    if (type.asText().equals(CALL_INCOMING)) {
      // the SDK did not recognise it as a call: data or data.call_id is missing or malformed
      throw new Rejected(CALL_INCOMING + " without a readable data.call_id");
    }
    return new OtherEvent(webhookId.orElseThrow(), type.asText());
  }

  private UnwrapWebhookEvent unwrap(byte[] rawBody, Headers signed) {
    try {
      return client
          .webhooks()
          .unwrap(
              WebhookVerificationParams.builder()
                  .payload(rawBody)
                  .headers(signed)
                  .secret(secret)
                  .build());
    } catch (InvalidWebhookSignatureException e) {
      throw new Rejected("webhook signature rejected: " + reason(e));
    } catch (OpenAIInvalidDataException e) {
      throw new Rejected("verified webhook body is not a JSON event");
    } catch (IllegalArgumentException e) {
      throw new Rejected("webhook rejected: " + reason(e)); // a missing webhook-* header
    } catch (RuntimeException e) {
      // a delivery we cannot verify is not authentic
      throw new Rejected("webhook could not be verified: " + e.getClass().getSimpleName());
    }
  }

  private WebhookEvent callIncoming(String webhookId, RealtimeCallIncomingWebhookEvent event) {
    String callId;
    List<SipHeader> sipHeaders = new ArrayList<>();
    try {
      RealtimeCallIncomingWebhookEvent.Data data = event.data();
      callId = data._callId().asKnown().orElse("");
      for (RealtimeCallIncomingWebhookEvent.Data.SipHeader h :
          data._sipHeaders().asKnown().orElse(List.of())) {
        Optional<String> name = h._name().asKnown();
        name.ifPresent(n -> sipHeaders.add(new SipHeader(n, h._value().asKnown().orElse(""))));
      }
    } catch (OpenAIInvalidDataException e) {
      throw new Rejected(CALL_INCOMING + " without data (so no data.call_id)");
    }
    if (callId.isBlank()) {
      throw new Rejected(CALL_INCOMING + " without data.call_id");
    }
    return new CallIncoming(
        webhookId, IncomingCall.of(new CallId(callId), SipHeaders.of(sipHeaders), clock.instant()));
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
