package dev.sipbridge.core.fake;

import dev.sipbridge.core.port.WebhookVerifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/** Answers each verification with the next event it was given, or rejects when it has none. */
public final class FakeWebhookVerifier implements WebhookVerifier {
  private final Deque<WebhookEvent> next = new ArrayDeque<>();

  public synchronized FakeWebhookVerifier willReturn(WebhookEvent event) {
    next.add(event);
    return this;
  }

  @Override
  public synchronized WebhookEvent verify(byte[] rawBody, Map<String, String> headers) {
    WebhookEvent e = next.poll();
    if (e == null) {
      throw new Rejected("fake verifier has no event to return");
    }
    return e;
  }
}
