package dev.sipbridge.app.http;

import java.time.Duration;

/**
 * What the HTTP server allows one client (docs/operations.md, "Limits on HTTP clients"). A body is
 * read into memory without holding a thread, so a slow client costs a connection, never a worker.
 *
 * @param maxBodyBytes larger bodies are refused with 413
 * @param bodyDeadline a body must be complete this long after the request's headers
 * @param minBodyBytesPerSecond a body arriving slower than this is dropped at once
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param maxConnectionsPerAddress open connections allowed from one client address; 0: no limit
 */
public record HttpLimits(
    int maxBodyBytes,
    Duration bodyDeadline,
    long minBodyBytesPerSecond,
    Duration idleTimeout,
    int maxConnectionsPerAddress) {

  /** The defaults, with this many connections per client address. */
  public static HttpLimits withConnectionsPerAddress(int maxConnectionsPerAddress) {
    return new HttpLimits(
        WebhookHandler.MAX_BODY_BYTES,
        Duration.ofSeconds(10),
        256,
        Duration.ofSeconds(30),
        maxConnectionsPerAddress);
  }
}
