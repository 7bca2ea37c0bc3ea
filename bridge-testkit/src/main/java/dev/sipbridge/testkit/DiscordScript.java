package dev.sipbridge.testkit;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a test asked {@link SimulatedDiscord} to do instead of answering like Discord: scripted
 * replies, an outage, held answers. Blocked answers end when the simulator closes. Thread-safe.
 */
final class DiscordScript {
  /** The longest a held request or a silent reply blocks a server thread. */
  private static final Duration MAX_BLOCK = Duration.ofSeconds(60);

  private final Queue<DiscordReply> next = new ConcurrentLinkedQueue<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile DiscordReply always;
  private volatile CountDownLatch gate = new CountDownLatch(0);

  void then(DiscordReply reply) {
    next.add(reply);
  }

  void always(DiscordReply reply) {
    always = reply;
  }

  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  void close() {
    closing.countDown();
    release();
  }

  /** Waits while answers are held. */
  void awaitRelease() {
    await(gate, MAX_BLOCK);
  }

  /** The scripted reply for this request, if any: the next one queued, else the outage's. */
  Optional<DiscordReply> poll() {
    DiscordReply reply = next.poll();
    return Optional.ofNullable(reply != null ? reply : always);
  }

  /** Answers with {@code reply}; false when it is a silent one and nothing was answered. */
  boolean answer(Context ctx, DiscordReply reply) {
    if (reply.silent) {
      await(closing, MAX_BLOCK);
      return false;
    }
    ctx.status(reply.status);
    reply.headers.forEach(ctx::header);
    if (reply.perByte.isZero()) {
      ctx.result(reply.body);
      return true;
    }
    byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
    ctx.header("Content-Length", Integer.toString(bytes.length));
    try (OutputStream out = ctx.res().getOutputStream()) {
      for (byte b : bytes) {
        out.write(b);
        out.flush();
        if (await(closing, reply.perByte)) {
          break;
        }
      }
    } catch (IOException e) {
      // the client gave up on the trickle: what the reply is for
    }
    return true;
  }

  /** True when {@code latch} opened, false when {@code limit} passed first. */
  private static boolean await(CountDownLatch latch, Duration limit) {
    try {
      return latch.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
