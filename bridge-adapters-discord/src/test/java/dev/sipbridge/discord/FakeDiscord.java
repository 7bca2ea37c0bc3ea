package dev.sipbridge.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A Discord webhook for MockWebServer. It answers scripted responses first, then behaves like
 * Discord: it enforces {@code limit} posts per {@code window} (a time-scaled 5 per 2 s), answers
 * 429 with Discord's JSON and headers when the window is used up, and sends X-RateLimit headers on
 * successes ({@code honest}) or none at all, like the hidden per-channel limit. A post with {@code
 * thread_name} opens a thread whose id comes back as {@code channel_id}. It notes every post that
 * arrives before a reset it announced in a 429 ("premature"). Waits use Retry-After with
 * decimals (Discord sends whole seconds) to keep tests fast.
 */
final class FakeDiscord extends Dispatcher {
  static final String TOKEN = "Tok3n_SECRET-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQR";
  static final String PATH = "/api/webhooks/123456789012345678/" + TOKEN;

  /** One request as it arrived. */
  record Received(RecordedRequest request, String body, long atNanos) {
    JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("body is not JSON: " + body, e);
      }
    }

    String content() {
      return json().path("content").asText();
    }
  }

  private final int limit;
  private final long windowNanos;
  private final boolean honest;
  private final Deque<MockResponse> scripted = new ConcurrentLinkedDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Received> stored = new CopyOnWriteArrayList<>();
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final AtomicInteger premature = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile MockResponse always;
  private long windowStart;
  private boolean windowOpen;
  private int used;
  private long notBefore;
  private int threads;

  /** Practically unlimited. */
  FakeDiscord() {
    this(1_000_000, Duration.ofSeconds(1), true);
  }

  FakeDiscord(int limit, Duration window, boolean honest) {
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.honest = honest;
    this.notBefore = System.nanoTime();
  }

  /** Answers the next request with {@code response} instead of the normal behaviour. */
  FakeDiscord then(MockResponse response) {
    scripted.add(response);
    return this;
  }

  /** Answers every request that no script answers with {@code response} (an outage). */
  FakeDiscord always(MockResponse response) {
    always = response;
    return this;
  }

  /** Requests that arrive from now on wait until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  /** The requests answered 200 by the normal behaviour, i.e. the messages Discord kept. */
  List<Received> stored() {
    return new ArrayList<>(stored);
  }

  int rateLimited() {
    return rateLimited.get();
  }

  int premature() {
    return premature.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    Received r = new Received(request, request.getBody().readUtf8(), System.nanoTime());
    received.add(r);
    gate.await(10, TimeUnit.SECONDS);
    MockResponse next = scripted.poll();
    if (next == null) {
      next = always;
    }
    return next != null ? next : discord(r);
  }

  private synchronized MockResponse discord(Received r) {
    long now = System.nanoTime();
    if (now - notBefore < 0) {
      premature.incrementAndGet();
    }
    if (!windowOpen || now - windowStart >= windowNanos) {
      windowOpen = true;
      windowStart = now;
      used = 0;
    }
    String resetAfter = seconds(windowStart + windowNanos - now);
    if (used >= limit) {
      rateLimited.incrementAndGet();
      notBefore = windowStart + windowNanos;
      return rateLimit(resetAfter, resetAfter, resetAfter, false)
          .setHeader("X-RateLimit-Limit", limit);
    }
    used++;
    stored.add(r);
    MockResponse ok = new MockResponse().setHeader("Content-Type", "application/json")
        .setBody(message(r));
    if (honest) {
      ok.setHeader("X-RateLimit-Limit", limit)
          .setHeader("X-RateLimit-Remaining", limit - used)
          .setHeader("X-RateLimit-Reset-After", resetAfter)
          .setHeader("X-RateLimit-Bucket", "4f2d1a0b9c8e7d6f");
    }
    return ok;
  }

  private String message(Received r) {
    String channel = "555";
    String threadId = r.request().getRequestUrl().queryParameter("thread_id");
    if (threadId != null) {
      channel = threadId;
    } else if (r.body().contains("\"thread_name\"")) {
      channel = "9000" + (++threads);
    }
    return "{\"id\":\"" + (1000 + stored.size()) + "\",\"channel_id\":\"" + channel
        + "\",\"webhook_id\":\"123456789012345678\"}";
  }

  /** A 429 like Discord's; the three waits are seconds as text. */
  static MockResponse rateLimit(String body, String retryAfter, String resetAfter,
      boolean global) {
    MockResponse response = new MockResponse().setResponseCode(429)
        .setHeader("Content-Type", "application/json")
        .setHeader("Retry-After", retryAfter)
        .setHeader("X-RateLimit-Remaining", "0")
        .setHeader("X-RateLimit-Reset-After", resetAfter)
        .setHeader("X-RateLimit-Bucket", "4f2d1a0b9c8e7d6f")
        .setHeader("X-RateLimit-Scope", global ? "global" : "user")
        .setBody("{\"message\":\"You are being rate limited.\",\"retry_after\":" + body
            + ",\"global\":" + global + "}");
    return global ? response.setHeader("X-RateLimit-Global", "true") : response;
  }

  /** A Discord error: {@code {"message":..,"code":..}}. */
  static MockResponse error(int status, int code, String message) {
    return new MockResponse().setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody("{\"message\":\"" + message + "\",\"code\":" + code + "}");
  }

  /** Seconds with millisecond decimals, rounded up like Discord's reset times. */
  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f", Math.ceil(Math.max(0, nanos) / 1e6) / 1e3);
  }
}
