package dev.sipbridge.openai;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Fixed test secrets, and the testkit's signer at a chosen time. */
final class WebhookSigner {
  /** A fixed secret: {@code whsec_} + Base64 of the bytes 1..32. */
  static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(bytes(1));

  static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(bytes(2));

  private WebhookSigner() {}

  /** The headers (a mutable map) of a delivery signed with {@code secret} at {@code timestamp}. */
  static Map<String, String> headers(String secret, String webhookId, long timestamp, byte[] body) {
    Clock at = Clock.fixed(Instant.ofEpochSecond(timestamp), ZoneOffset.UTC);
    return new HashMap<>(
        new dev.sipbridge.testkit.WebhookSigner(secret, at).sign(webhookId, body).headers());
  }

  private static byte[] bytes(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * (i + 1));
    }
    return key;
  }
}
