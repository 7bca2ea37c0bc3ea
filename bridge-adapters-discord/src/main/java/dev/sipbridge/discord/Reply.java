package dev.sipbridge.discord;

import java.time.Duration;

/**
 * What one request to the webhook came to.
 *
 * @param status the HTTP status, 0 when there was no answer
 * @param code Discord's JSON error {@code code}, 0 when absent
 * @param retryAfter how long Discord asked us to wait (rate limits only)
 * @param global whether the rate limit was the global one
 * @param channelId the stored message's channel (the thread, for a new thread); empty if unknown
 * @param limit the bucket's {@code X-RateLimit-Limit}, -1 when the answer had none
 * @param remaining the bucket's {@code X-RateLimit-Remaining}, -1 when the answer had none
 * @param resetAfter the bucket's {@code X-RateLimit-Reset-After}, 0 when absent
 * @param detail a short description for logs, never containing the webhook URL
 */
record Reply(
    Kind kind,
    int status,
    int code,
    Duration retryAfter,
    boolean global,
    String channelId,
    int limit,
    int remaining,
    Duration resetAfter,
    String detail) {

  /** How the sender must react. */
  enum Kind {
    /** Stored by Discord. */
    DELIVERED,
    /** 429 with Discord's JSON: wait {@code retryAfter}, then send the same message again. */
    RATE_LIMITED,
    /** A rate limit or block without Discord's JSON (Cloudflare): pause long, then retry. */
    CLOUDFLARE,
    /** 5xx, 408 or no answer: back off, then send the same message again. */
    RETRY,
    /** Any other 4xx: our message is wrong; drop it. */
    REJECTED,
    /** 401/404: the webhook's token is wrong or it was deleted; stop for good. */
    DEAD
  }

  static Reply noAnswer(String detail) {
    return new Reply(Kind.RETRY, 0, 0, Duration.ZERO, false, "", -1, -1, Duration.ZERO, detail);
  }

  /** {@code HTTP 400, code 50035} or {@code no answer (SocketTimeoutException: timeout)}. */
  String describe() {
    if (status == 0) {
      return "no answer (" + detail + ")";
    }
    return "HTTP "
        + status
        + (code != 0 ? ", code " + code : "")
        + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
