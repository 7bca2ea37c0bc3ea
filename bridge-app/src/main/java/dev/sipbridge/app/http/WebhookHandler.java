package dev.sipbridge.app.http;

import dev.sipbridge.core.lifecycle.AcceptOutcome;
import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.port.WebhookVerifier;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /openai/webhook}: verify the raw bytes, then accept the call (SPEC §2). */
final class WebhookHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
  static final int MAX_BODY_BYTES = 1024 * 1024;

  /** Counts webhook deliveries by outcome (a metric). */
  interface Outcomes {
    void record(String outcome);
  }

  private final Supplier<WebhookVerifier> verifiers;
  private final Supplier<CallLifecycle> lifecycles;
  private final Outcomes outcomes;

  /** The suppliers may block while the bridge is still starting (see {@link BridgeServer}). */
  WebhookHandler(
      Supplier<WebhookVerifier> verifier, Supplier<CallLifecycle> lifecycle, Outcomes outcomes) {
    this.verifiers = verifier;
    this.lifecycles = lifecycle;
    this.outcomes = outcomes;
  }

  void handle(Context ctx) throws Exception {
    CallLifecycle lifecycle = lifecycles.get();
    if (!lifecycle.isAccepting()) {
      respond(ctx, 503, "not_ready", "shutting down");
      return;
    }
    Optional<byte[]> body = BoundedBody.read(ctx, MAX_BODY_BYTES);
    if (body.isEmpty()) {
      respond(ctx, 413, "too_large", "body larger than 1 MiB");
      return;
    }
    WebhookVerifier.WebhookEvent event;
    try {
      event = verifiers.get().verify(body.get(), headers(ctx));
    } catch (WebhookVerifier.Rejected e) {
      LOG.warn("webhook rejected: {}", e.getMessage());
      respond(ctx, 400, "rejected", e.getMessage());
      return;
    }
    if (event instanceof WebhookVerifier.OtherEvent other) {
      LOG.debug("webhook {} ignored: type {}", other.webhookId(), other.type());
      respond(ctx, 200, "ignored", "ignored");
      return;
    }
    WebhookVerifier.CallIncoming incoming = (WebhookVerifier.CallIncoming) event;
    CompletableFuture<Void> done =
        lifecycle
            .onIncomingCall(incoming.webhookId(), incoming.call())
            .thenAccept(
                outcome -> respond(ctx, statusOf(outcome), outcome.label(), outcome.label()))
            .toCompletableFuture();
    ctx.future(() -> done);
  }

  static int statusOf(AcceptOutcome outcome) {
    switch (outcome) {
      case FAILED:
        return 500;
      case NOT_READY:
        return 503;
      default:
        return 200;
    }
  }

  private void respond(Context ctx, int status, String outcome, String message) {
    outcomes.record(outcome);
    ctx.status(status).contentType("application/json").result(Json.object("status", message));
  }

  private static Map<String, String> headers(Context ctx) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(ctx.headerMap());
    return headers;
  }
}
