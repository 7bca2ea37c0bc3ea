package dev.sipbridge.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A raw answer {@link SimulatedDiscord} gives instead of behaving like Discord ({@link
 * SimulatedDiscord#then}, {@link SimulatedDiscord#always}): any status, headers and body, a body
 * trickled byte by byte, or no answer at all. Immutable.
 */
public final class DiscordReply {
  final int status;
  final Map<String, String> headers;
  final String body;
  final Duration perByte;
  final boolean silent;

  private DiscordReply(
      int status, Map<String, String> headers, String body, Duration perByte, boolean silent) {
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.body = body;
    this.perByte = perByte;
    this.silent = silent;
  }

  /** {@code status} with an empty body. */
  public static DiscordReply status(int status) {
    return new DiscordReply(status, Map.of(), "", Duration.ZERO, false);
  }

  /** {@code status} with {@code body} of {@code contentType}. */
  public static DiscordReply of(int status, String contentType, String body) {
    return status(status).header("Content-Type", contentType).body(body);
  }

  /** A Discord error: {@code {"message": ..., "code": ...}}. */
  public static DiscordReply error(int status, int code, String message) {
    String json = SimJson.object().put("message", message).put("code", code).toString();
    return of(status, "application/json", json);
  }

  /**
   * A 429 like Discord's, with each of its three waits given as text in seconds, so that a test can
   * make them disagree: the body's {@code retry_after}, the {@code Retry-After} header and {@code
   * X-RateLimit-Reset-After}. {@code global} adds {@code X-RateLimit-Global: true}.
   */
  public static DiscordReply rateLimited(
      String retryAfterBody, String retryAfterHeader, String resetAfter, boolean global) {
    String json =
        "{\"message\":\"You are being rate limited.\",\"retry_after\":"
            + retryAfterBody
            + ",\"global\":"
            + global
            + "}";
    DiscordReply reply =
        of(429, "application/json", json)
            .header("Retry-After", retryAfterHeader)
            .header("X-RateLimit-Remaining", "0")
            .header("X-RateLimit-Reset-After", resetAfter)
            .header("X-RateLimit-Bucket", DiscordReplies.BUCKET)
            .header("X-RateLimit-Scope", global ? "global" : "user");
    return global ? reply.header("X-RateLimit-Global", "true") : reply;
  }

  /**
   * No answer at all: the request is read and the connection left open until the client gives up
   * (or the simulator closes), like a Discord that hangs.
   */
  public static DiscordReply noResponse() {
    return new DiscordReply(0, Map.of(), "", Duration.ZERO, true);
  }

  /** This reply with one more header. */
  public DiscordReply header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new DiscordReply(status, more, body, perByte, silent);
  }

  /** This reply with its body sent one byte per {@code perByte}, each byte flushed. */
  public DiscordReply trickled(Duration perByte) {
    if (perByte.isNegative()) {
      throw new IllegalArgumentException("perByte must not be negative: " + perByte);
    }
    return new DiscordReply(status, headers, body, perByte, silent);
  }

  private DiscordReply body(String text) {
    return new DiscordReply(status, headers, Objects.requireNonNull(text, "body"), perByte, silent);
  }
}
