package dev.sipbridge.discord;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * How {@link DiscordTranscriptSink} talks to one Discord webhook: {@link #of(String)} for the
 * defaults, {@link #builder(String)} to change some of them.
 *
 * <p>The webhook URL is a credential (its last path segment is the token): {@link #toString()}
 * hides it and no exception message built here contains it.
 *
 * @param webhookUrl {@code https://discord.com/api[/v10]/webhooks/<id>/<token>}; plain {@code http}
 *     only to a loopback host (tests)
 * @param threadPerCall each call gets its own thread (forum channels); see the sink
 * @param connectTimeout TCP/TLS connect timeout of every request
 * @param readTimeout longest wait for the next byte of an answer (the socket's read timeout)
 * @param callTimeout bound on one whole request, connect, body and answer included; checked once a
 *     second (twice per timeout when it is under 2 s), so a request may overrun it by that much
 *     before it is aborted and retried
 * @param maxLineAge while Discord fails (5xx, no answer), a message still undelivered this long
 *     after its line was emitted is given up; while Discord only rate-limits, nothing is given up
 *     by age (the queue's bound {@code maxQueued} holds)
 * @param minInterval the channel budget's sustained pace: once {@code burst} posts were made back
 *     to back, one more post per this interval (Discord's hidden per-channel limit is about 30
 *     messages a minute, and not in its headers). Zero turns the budget off. It never delays a post
 *     while the budget has tokens: a lone line goes out at once
 * @param burst how many posts the channel budget allows back to back after a quiet spell; with the
 *     defaults (10, 3 s) no minute ever holds more than 10 + 20 = 30 posts
 * @param initialBackoff first wait after a 5xx or network error; doubles per attempt
 * @param maxBackoff upper bound of that wait
 * @param cloudflarePause pause after a rate limit answered without Discord's JSON (Cloudflare)
 * @param maxPause the longest single wait, whatever Discord asks: after it the message is tried
 *     again (and another 429 pauses again), so one huge {@code retry_after} cannot silence the sink
 *     for an hour
 * @param maxQueued most messages waiting at once; beyond it new ones are dropped and counted
 */
public record DiscordSettings(
    String webhookUrl,
    boolean threadPerCall,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    Duration maxLineAge,
    Duration minInterval,
    int burst,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration cloudflarePause,
    Duration maxPause,
    int maxQueued) {

  private static final String URL_SHAPE =
      "the Discord webhook URL must look like https://discord.com/api/webhooks/<id>/<token>";

  /**
   * Validates every value.
   *
   * @throws IllegalArgumentException naming the broken condition, never quoting the URL
   */
  public DiscordSettings {
    parseUrl(webhookUrl);
    positive("connectTimeout", connectTimeout);
    positive("readTimeout", readTimeout);
    positive("callTimeout", callTimeout);
    positive("maxLineAge", maxLineAge);
    notNegative("minInterval", minInterval);
    positive("initialBackoff", initialBackoff);
    positive("maxBackoff", maxBackoff);
    notNegative("cloudflarePause", cloudflarePause);
    positive("maxPause", maxPause);
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was: " + burst);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be below initialBackoff");
    }
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued must be at least 1, was: " + maxQueued);
    }
  }

  /** The defaults (see {@link Builder}) for this webhook. */
  public static DiscordSettings of(String webhookUrl) {
    return builder(webhookUrl).build();
  }

  /**
   * Starts from the defaults: no threads, 5 s connect, 10 s read, 20 s per request, failing lines
   * given up after 15 min, a channel budget of 10 posts back to back then one per 3 s, backoff 0.5
   * s to 30 s, 60 s Cloudflare pause, no single wait over 60 s, 10,000 queued messages.
   */
  public static Builder builder(String webhookUrl) {
    return new Builder(webhookUrl);
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(webhookUrl);
    b.threadPerCall = threadPerCall;
    b.timeouts(connectTimeout, readTimeout, callTimeout);
    b.maxLineAge = maxLineAge;
    b.minInterval = minInterval;
    b.burst = burst;
    b.backoff(initialBackoff, maxBackoff, cloudflarePause);
    b.maxPause = maxPause;
    b.maxQueued = maxQueued;
    return b;
  }

  /** Collects settings; {@link #build()} validates them all at once. Not thread-safe. */
  public static final class Builder {
    private final String webhookUrl;
    private boolean threadPerCall;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(10);
    private Duration callTimeout = Duration.ofSeconds(20);
    private Duration maxLineAge = Duration.ofMinutes(15);
    private Duration minInterval = Duration.ofSeconds(3);
    private int burst = 10;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration cloudflarePause = Duration.ofSeconds(60);
    private Duration maxPause = Duration.ofSeconds(60);
    private int maxQueued = 10_000;

    private Builder(String webhookUrl) {
      this.webhookUrl = webhookUrl;
    }

    public Builder threadPerCall(boolean perCall) {
      this.threadPerCall = perCall;
      return this;
    }

    public Builder timeouts(Duration connect, Duration read, Duration call) {
      this.connectTimeout = connect;
      this.readTimeout = read;
      this.callTimeout = call;
      return this;
    }

    public Builder maxLineAge(Duration age) {
      this.maxLineAge = age;
      return this;
    }

    /** The channel budget's sustained pace; zero turns the budget off. */
    public Builder minInterval(Duration interval) {
      this.minInterval = interval;
      return this;
    }

    /** How many posts the channel budget allows back to back. */
    public Builder burst(int posts) {
      this.burst = posts;
      return this;
    }

    /** Backoff after 5xx/network errors, and the pause after a Cloudflare rate limit. */
    public Builder backoff(Duration initial, Duration max, Duration cloudflare) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      this.cloudflarePause = cloudflare;
      return this;
    }

    /** The longest single wait, whatever Discord asks. */
    public Builder maxPause(Duration max) {
      this.maxPause = max;
      return this;
    }

    public Builder maxQueued(int max) {
      this.maxQueued = max;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first broken condition, never quoting the URL
     */
    public DiscordSettings build() {
      return new DiscordSettings(
          webhookUrl,
          threadPerCall,
          connectTimeout,
          readTimeout,
          callTimeout,
          maxLineAge,
          minInterval,
          burst,
          initialBackoff,
          maxBackoff,
          cloudflarePause,
          maxPause,
          maxQueued);
    }
  }

  /** Everything but the URL, which is a credential. */
  @Override
  public String toString() {
    return "DiscordSettings[webhookUrl=***, threadPerCall="
        + threadPerCall
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", callTimeout="
        + callTimeout
        + ", maxLineAge="
        + maxLineAge
        + ", minInterval="
        + minInterval
        + ", burst="
        + burst
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", cloudflarePause="
        + cloudflarePause
        + ", maxPause="
        + maxPause
        + ", maxQueued="
        + maxQueued
        + "]";
  }

  /** The parsed URL; the settings were validated, so this cannot fail. */
  HttpUrl url() {
    return parseUrl(webhookUrl);
  }

  /** The token segment, so that anything echoing it can be redacted. */
  String token() {
    List<String> segments = url().pathSegments();
    int at = segments.lastIndexOf("webhooks");
    return segments.get(at + 2);
  }

  private static HttpUrl parseUrl(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("the Discord webhook URL is empty");
    }
    HttpUrl url = HttpUrl.parse(raw.trim());
    if (url == null) {
      throw new IllegalArgumentException(URL_SHAPE + " (it is not an http(s) URL)");
    }
    if (!url.isHttps() && !isLoopback(url.host())) {
      throw new IllegalArgumentException(URL_SHAPE + " (plain http is allowed only to localhost)");
    }
    List<String> segments = url.pathSegments();
    int last = segments.size() - 1;
    if (last >= 0 && segments.get(last).isEmpty()) {
      last--; // a trailing slash
    }
    int at = segments.lastIndexOf("webhooks");
    if (at < 0
        || at + 2 != last
        || !segments.get(at + 1).matches("[0-9]{1,25}")
        || !segments.get(at + 2).matches("[A-Za-z0-9_.-]{1,200}")) {
      throw new IllegalArgumentException(URL_SHAPE);
    }
    return url;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was: " + d);
    }
  }

  private static void notNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was: " + d);
    }
  }
}
