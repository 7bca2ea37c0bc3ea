package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Locale;

/** The bodies and headers Discord answers webhook posts with (reference Part B1-B2). */
final class DiscordReplies {
  static final String BUCKET = "5d2f1c0a9b8e7d6c5b4a39281716f5e4";

  private DiscordReplies() {}

  /** A Discord error: {@code {"message": ..., "code": ...}}. */
  static void error(Context ctx, int status, int code, String message) {
    ObjectNode body = SimJson.object().put("message", message).put("code", code);
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  /** The canned error for a status the test asked for. */
  static void failure(Context ctx, int status) {
    switch (status) {
      case 400:
        error(ctx, 400, 50035, "Invalid Form Body");
        break;
      case 401:
        error(ctx, 401, 50027, "Invalid Webhook Token");
        break;
      case 403:
        error(ctx, 403, 50013, "Missing Permissions");
        break;
      case 404:
        unknownWebhook(ctx);
        break;
      case 429:
        rateLimited(ctx, new DiscordRateLimit.Decision(false, 5, 0, 0.05), false);
        break;
      default:
        error(ctx, status, 0, status >= 500 ? "Internal Server Error" : "Simulated failure");
    }
  }

  static void unknownWebhook(Context ctx) {
    error(ctx, 404, 10015, "Unknown Webhook");
  }

  /**
   * 429 with {@code retry_after} in seconds (float) and {@code Retry-After} in whole seconds like
   * Discord's, or with milliseconds for a scaled-down window ({@code decimals}), which whole
   * seconds would stretch many times over.
   */
  static void rateLimited(Context ctx, DiscordRateLimit.Decision d, boolean decimals) {
    bucketHeaders(ctx, d);
    double wait = d.resetAfterSeconds();
    ctx.header("Retry-After", decimals ? seconds(wait) : Long.toString((long) Math.ceil(wait)));
    ctx.header("X-RateLimit-Scope", "user");
    ObjectNode body = SimJson.object().put("message", "You are being rate limited.");
    body.put("retry_after", Math.ceil(d.resetAfterSeconds() * 1000) / 1000.0);
    body.put("global", false);
    ctx.status(429).contentType("application/json").result(body.toString());
  }

  /** {@code X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket}. */
  static void bucketHeaders(Context ctx, DiscordRateLimit.Decision d) {
    double reset = System.currentTimeMillis() / 1000.0 + d.resetAfterSeconds();
    ctx.header("X-RateLimit-Limit", Integer.toString(d.limit()));
    ctx.header("X-RateLimit-Remaining", Integer.toString(d.remaining()));
    ctx.header("X-RateLimit-Reset", seconds(reset));
    ctx.header("X-RateLimit-Reset-After", seconds(d.resetAfterSeconds()));
    ctx.header("X-RateLimit-Bucket", BUCKET);
  }

  /** Seconds with milliseconds, rounded up: a client that waits this long is never early. */
  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", Math.ceil(seconds * 1000) / 1000);
  }

  /** The message object a {@code ?wait=true} post gets back. */
  static String messageJson(SimulatedDiscord.Message m, String webhookId) {
    ObjectNode root =
        SimJson.object()
            .put("id", m.id())
            .put("type", 0)
            .put("content", m.content())
            .put("channel_id", m.channelId());
    root.putObject("author")
        .put("bot", true)
        .put("id", webhookId)
        .put("username", "Call log")
        .putNull("avatar")
        .put("discriminator", "0000");
    if (!m.attachmentName().isEmpty()) {
      root.putArray("attachments")
          .addObject()
          .put("id", m.id())
          .put("filename", m.attachmentName())
          .put("size", m.attachmentText().length())
          .put("content_type", "text/plain");
    } else {
      root.putArray("attachments");
    }
    root.putArray("embeds");
    root.putArray("mentions");
    root.put("pinned", false)
        .put("mention_everyone", false)
        .put("tts", false)
        .put("timestamp", m.time().toString())
        .putNull("edited_timestamp")
        .put("flags", 0)
        .put("webhook_id", webhookId);
    return root.toString();
  }
}
