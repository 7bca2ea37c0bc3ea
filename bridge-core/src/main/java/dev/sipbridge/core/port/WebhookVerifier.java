package dev.sipbridge.core.port;

import dev.sipbridge.core.call.IncomingCall;
import java.util.Map;

/**
 * Checks an OpenAI webhook delivery and reads it. Pure and thread-safe; throws {@link Rejected} for
 * anything that must be answered 400.
 */
public interface WebhookVerifier {
  /**
   * @param rawBody the body bytes exactly as received
   * @param headers the request headers; names are matched case-insensitively
   */
  WebhookEvent verify(byte[] rawBody, Map<String, String> headers);

  /** A verified delivery: a {@link CallIncoming} or an {@link OtherEvent}. */
  sealed interface WebhookEvent permits CallIncoming, OtherEvent {
    /** The {@code webhook-id} header: the same across the sender's retries. */
    String webhookId();

    /** The event type, e.g. {@code realtime.call.incoming}. */
    String type();
  }

  /** A verified {@code realtime.call.incoming}. */
  record CallIncoming(String webhookId, IncomingCall call) implements WebhookEvent {
    @Override
    public String type() {
      return "realtime.call.incoming";
    }
  }

  /** Any other verified event type. */
  record OtherEvent(String webhookId, String type) implements WebhookEvent {}

  /** The delivery is not authentic or not readable; nothing may happen because of it. */
  final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason what was wrong, bare: whoever logs it adds "webhook rejected" itself
     */
    public Rejected(String reason) {
      super(reason);
    }
  }
}
