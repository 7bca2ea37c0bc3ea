package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-process Discord webhook (reference Part B1-B2) on 127.0.0.1: takes JSON and multipart
 * posts, honours {@code wait}, {@code thread_name} and {@code thread_id}, can enforce Discord's
 * per-webhook rate limit, and records every request and every accepted message in arrival order. A
 * test can script raw replies ({@link #then}, {@link #always}) and hold answers ({@link #hold}).
 * Thread-safe.
 */
public final class SimulatedDiscord implements AutoCloseable {
  /** The webhook's id, part of {@link #webhookUrl()}. */
  public static final String WEBHOOK_ID = "123456789012345678";

  /** The webhook's token, part of {@link #webhookUrl()}: a secret no log may show. */
  public static final String TOKEN = "fake-token_ABC";

  static final String CHANNEL_ID = "223456789012345678";
  private static final int MAX_CONTENT = 2000;

  /**
   * One message Discord stored. Absent values are empty strings.
   *
   * @param channelId the channel, or the thread the message went to
   * @param threadId the {@code thread_id} it was posted with
   * @param threadName the {@code thread_name} it created a thread with
   * @param attachmentName file name of {@code files[0]} of a multipart post
   * @param attachmentText that file's content as UTF-8
   * @param json the JSON payload as posted
   * @param request the request that carried it
   */
  public record Message(
      String id,
      String channelId,
      String content,
      String threadId,
      String threadName,
      String attachmentName,
      String attachmentText,
      String json,
      Instant time,
      DiscordRequest request) {}

  private final DiscordRateLimit rateLimit;
  private final boolean limitHeaders;
  private final DiscordScript script = new DiscordScript();
  private final List<DiscordRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Message> messages = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> threads = ConcurrentHashMap.newKeySet();
  private final AtomicLong snowflakes = new AtomicLong(1_300_000_000_000_000_000L);
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureStatus;
  private volatile boolean deleted;
  private volatile Consumer<Message> listener = m -> {};
  private final Javalin app;

  private SimulatedDiscord(DiscordRateLimit rateLimit, boolean limitHeaders) {
    this.rateLimit = rateLimit;
    this.limitHeaders = limitHeaders;
    this.app = SimServer.start(this::routes);
  }

  /** A webhook without rate limiting (and without rate-limit headers). */
  public static SimulatedDiscord start() {
    return new SimulatedDiscord(null, false);
  }

  /** A webhook limited like Discord's: 5 posts per 2 s. */
  public static SimulatedDiscord startRateLimited() {
    return start(5, Duration.ofSeconds(2));
  }

  /** A webhook that allows {@code maxPosts} posts per {@code window}, then answers 429. */
  public static SimulatedDiscord start(int maxPosts, Duration window) {
    return new SimulatedDiscord(new DiscordRateLimit(maxPosts, window), true);
  }

  /**
   * Like {@link #start(int, Duration)}, but successes carry no {@code X-RateLimit-*} headers, as
   * under Discord's undocumented per-channel limit: a client learns of it only from the 429s.
   */
  public static SimulatedDiscord startWithHiddenLimit(int maxPosts, Duration window) {
    return new SimulatedDiscord(new DiscordRateLimit(maxPosts, window), false);
  }

  /** {@code http://127.0.0.1:<port>/api/webhooks/123456789012345678/fake-token_ABC}. */
  public URI webhookUrl() {
    return URI.create(
        "http://127.0.0.1:" + app.port() + "/api/webhooks/" + WEBHOOK_ID + "/" + TOKEN);
  }

  /** The stored messages, in arrival order. */
  public List<Message> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  /** Every request that arrived, answered or not, in arrival order. */
  public List<DiscordRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The {@code content} of each stored message, in arrival order. */
  public List<String> contents() {
    return messages().stream().map(Message::content).toList();
  }

  /**
   * The HTTP status of every post answered so far, in order (429s, failures and scripted replies
   * included; a {@link DiscordReply#noResponse()} adds none).
   */
  public List<Integer> statuses() {
    synchronized (statuses) {
      return List.copyOf(statuses);
    }
  }

  /** The next {@code times} posts answer {@code status} with a Discord error body. */
  public void failNext(int status, int times) {
    failureStatus = status;
    failuresLeft.set(times);
  }

  /**
   * Posts that arrived before the reset a rate-limit 429 of this webhook had announced: what a
   * client that honours rate limits never sends. Always 0 without a rate limit.
   */
  public int prematurePosts() {
    return rateLimit == null ? 0 : rateLimit.premature();
  }

  /** Answers the next request that no earlier {@code then} answers with {@code reply}. */
  public SimulatedDiscord then(DiscordReply reply) {
    script.then(Objects.requireNonNull(reply, "reply"));
    return this;
  }

  /** Answers every request that no {@code then} answers with {@code reply}: an outage. */
  public SimulatedDiscord always(DiscordReply reply) {
    script.always(Objects.requireNonNull(reply, "reply"));
    return this;
  }

  /**
   * Requests arriving from now on are recorded but not answered until {@link #release()} (or {@link
   * #close()}, or a minute), like a Discord that is slow to answer.
   */
  public void hold() {
    script.hold();
  }

  /** Lets held requests, and those to come, be answered. */
  public void release() {
    script.release();
  }

  /**
   * Tells {@code listener} about every message as it is stored, on the server's request thread and
   * before the post is answered (for latency benchmarks). It must be quick and thread-safe.
   */
  public void onMessage(Consumer<Message> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** From now on every post answers 404 Unknown Webhook, as after the webhook was deleted. */
  public void deleteWebhook() {
    deleted = true;
  }

  @Override
  public void close() {
    script.close();
    app.stop();
  }

  private void routes(JavalinConfig config) {
    config.routes.post("/api/webhooks/{id}/{token}", this::post);
    config.routes.post("/api/{version}/webhooks/{id}/{token}", this::post);
  }

  private void post(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    DiscordRequest request = DiscordRequest.of(ctx, body);
    requests.add(request);
    script.awaitRelease();
    DiscordReply scripted = script.poll().orElse(null);
    if (scripted != null) {
      if (script.answer(ctx, scripted)) {
        statuses.add(ctx.statusCode());
      }
      return;
    }
    try {
      handle(ctx, request, body);
    } finally {
      statuses.add(ctx.statusCode());
    }
  }

  private void handle(Context ctx, DiscordRequest request, byte[] body) {
    String version = ctx.pathParamMap().getOrDefault("version", "v10");
    if (deleted
        || !version.matches("v\\d+")
        || !ctx.pathParam("id").equals(WEBHOOK_ID)
        || !ctx.pathParam("token").equals(TOKEN)) {
      DiscordReplies.unknownWebhook(ctx);
      return;
    }
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      DiscordReplies.failure(ctx, failureStatus);
      return;
    }
    if (rateLimit != null) {
      DiscordRateLimit.Decision decision = rateLimit.acquire(System.nanoTime());
      if (!decision.allowed()) {
        DiscordReplies.rateLimited(ctx, decision, rateLimit.subSecond());
        return;
      }
      if (limitHeaders) {
        DiscordReplies.bucketHeaders(ctx, decision);
      }
    }
    String contentType = String.valueOf(ctx.contentType());
    Map<String, FormParts.Part> parts =
        contentType.startsWith("multipart/form-data")
            ? FormParts.parse(contentType, body).orElse(Map.of())
            : null;
    FormParts.Part payloadPart = parts == null ? null : parts.get("payload_json");
    String json = parts == null ? request.body() : payloadPart == null ? "" : payloadPart.text();
    JsonNode payload = SimJson.parseObject(json).orElse(null);
    if (payload == null) {
      DiscordReplies.error(ctx, 400, 50109, "The request body contains invalid JSON.");
      return;
    }
    FormParts.Part file = parts == null ? null : parts.get("files[0]");
    String content = payload.path("content").asText("");
    if (content.codePointCount(0, content.length()) > MAX_CONTENT) {
      DiscordReplies.error(ctx, 400, 50035, "Invalid Form Body: content must be 2000 or fewer.");
      return;
    }
    if (content.isBlank() && file == null) {
      DiscordReplies.error(ctx, 400, 50006, "Cannot send an empty message");
      return;
    }
    String threadId = ctx.queryParam("thread_id") == null ? "" : ctx.queryParam("thread_id");
    String threadName = payload.path("thread_name").asText("");
    if (!threadId.isEmpty() && !threadName.isEmpty()) {
      DiscordReplies.error(
          ctx, 400, 220002, "Webhooks can only post with thread_id or thread_name");
      return;
    }
    if (!threadId.isEmpty() && !threads.contains(threadId)) {
      DiscordReplies.error(ctx, 400, 10003, "Unknown Channel");
      return;
    }
    String id = Long.toString(snowflakes.incrementAndGet());
    if (!threadName.isEmpty()) {
      threads.add(id); // a created thread has its starter message's id
    }
    String channel = !threadName.isEmpty() ? id : threadId.isEmpty() ? CHANNEL_ID : threadId;
    Message message =
        new Message(
            id,
            channel,
            content,
            threadId,
            threadName,
            file == null ? "" : file.fileName(),
            file == null ? "" : file.text(),
            json,
            Instant.now(),
            request);
    messages.add(message);
    listener.accept(message);
    if (isTrue(ctx.queryParam("wait"))) {
      ctx.status(200)
          .contentType("application/json")
          .result(DiscordReplies.messageJson(message, WEBHOOK_ID));
    } else {
      ctx.status(204);
    }
  }

  private static boolean isTrue(String flag) {
    return flag != null && (flag.equalsIgnoreCase("true") || flag.equals("1"));
  }
}
