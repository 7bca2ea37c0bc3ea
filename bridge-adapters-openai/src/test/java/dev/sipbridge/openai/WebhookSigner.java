package dev.sipbridge.openai;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs test deliveries the Standard Webhooks way (reference §1.2); test code only. */
final class WebhookSigner {
  /** A fixed secret: {@code whsec_} + Base64 of the bytes 1..32. */
  static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(bytes(1));

  static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(bytes(2));

  private WebhookSigner() {}

  /** {@code v1,} + Base64(HMAC-SHA256(key, id.timestamp.body)). */
  static String signature(String secret, String webhookId, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The three webhook headers of a delivery signed with {@code secret}. */
  static Map<String, String> headers(String secret, String webhookId, long timestamp, byte[] body) {
    Map<String, String> headers = new HashMap<>();
    headers.put("webhook-id", webhookId);
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", signature(secret, webhookId, timestamp, body));
    headers.put("content-type", "application/json");
    return headers;
  }

  private static byte[] bytes(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * (i + 1));
    }
    return key;
  }
}
