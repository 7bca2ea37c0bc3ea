package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhooks the way OpenAI does (Standard Webhooks {@code v1}, reference §1.2) and delivers
 * them: the sender side of a test fake. Thread-safe.
 */
public final class WebhookSigner {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SECRET_PREFIX = "whsec_";

  /**
   * A webhook ready to send.
   *
   * @param webhookId the {@code webhook-id} header (the delivery id)
   * @param headers {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}, {@code
   *     content-type} and {@code user-agent}
   * @param body the exact bytes that were signed
   */
  public record SignedWebhook(String webhookId, Map<String, String> headers, byte[] body) {
    public SignedWebhook {
      headers = Map.copyOf(headers);
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final byte[] key;
  private final Clock clock;

  /** A signer for {@code secret} ({@code whsec_<base64>}) stamping the current time. */
  public WebhookSigner(String secret) {
    this(secret, Clock.systemUTC());
  }

  /**
   * A signer whose {@code webhook-timestamp} comes from {@code clock} (to test stale deliveries). A
   * secret without {@code whsec_} is used as raw UTF-8 bytes, as the SDK does.
   *
   * @throws IllegalArgumentException if the text after {@code whsec_} is not Base64
   */
  public WebhookSigner(String secret, Clock clock) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("webhook secret must not be empty");
    }
    this.key =
        secret.startsWith(SECRET_PREFIX)
            ? Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()))
            : secret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  /** A fresh {@code whsec_} secret over 32 random bytes. */
  public static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** SIP headers of a plain inbound call from {@code from} to {@code to} (E.164 numbers). */
  public static List<Map.Entry<String, String>> sipHeaders(String from, String to) {
    return List.of(
        Map.entry("From", "\"Caller\" <sip:" + from + "@pstn.twilio.com>;tag=8c2f1a"),
        Map.entry("To", "<sip:" + to + "@sip.api.openai.com>"),
        Map.entry("Call-ID", randomHex(16) + "@0.0.0.0"));
  }

  /**
   * A signed {@code realtime.call.incoming} event (reference §1.4) for {@code callId}, with the
   * given SIP headers in order and {@code sip_media_security} {@code srtp}.
   */
  public SignedWebhook incomingCall(String callId, List<Map.Entry<String, String>> sipHeaders) {
    ObjectNode root = SimJson.object();
    root.put("object", "event")
        .put("id", "evt_" + randomHex(16))
        .put("type", "realtime.call.incoming")
        .put("created_at", clock.instant().getEpochSecond());
    ObjectNode data = root.putObject("data");
    data.put("call_id", callId).put("sip_media_security", "srtp");
    ArrayNode headers = data.putArray("sip_headers");
    sipHeaders.forEach(h -> headers.addObject().put("name", h.getKey()).put("value", h.getValue()));
    return sign("wh_" + randomHex(16), root.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Signs any {@code body} as delivery {@code webhookId}, stamped with the clock's time. */
  public SignedWebhook sign(String webhookId, byte[] body) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", webhookId);
    headers.put("webhook-timestamp", timestamp);
    headers.put("webhook-signature", "v1," + signature(webhookId, timestamp, body));
    headers.put("content-type", "application/json");
    headers.put("user-agent", "OpenAI/1.0 (+https://platform.openai.com/docs/webhooks)");
    return new SignedWebhook(webhookId, headers, body);
  }

  /**
   * POSTs {@code webhook} to {@code webhookUrl} exactly as signed. Blocks until the response.
   *
   * @return the HTTP status
   * @throws UncheckedIOException on a network failure or interruption
   */
  public int deliver(HttpClient client, URI webhookUrl, SignedWebhook webhook) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(webhookUrl)
            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    webhook.headers().forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("webhook delivery interrupted"));
    }
  }

  private String signature(String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
