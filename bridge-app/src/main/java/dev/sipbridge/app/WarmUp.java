package dev.sipbridge.app;

import dev.sipbridge.app.demo.Demo;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the service reports ready, plays synthetic calls through a throwaway bridge wired exactly
 * as the real one (same code: webhook verification, the SDK's accept over OkHttp, the realtime
 * socket, transcript assembly, the sinks) against an in-process simulated OpenAI and Discord on
 * 127.0.0.1. The first real call then meets loaded, initialised and compiled code instead of
 * paying the SDK's first-use cost (1–2 s, issue 12). Nothing reaches the real OpenAI, the real
 * sinks, the real store or the real metrics: the throwaway bridge has its own of each and is shut
 * down before the real server listens. Bounded in time: the throwaway bridge's start, {@link
 * #BUDGET} of new calls, as long again for them to end, then at most a 2 s drain.
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
  /** Enough for C1 to compile the per-call paths (about 200 invocations each). */
  static final int CALLS = 200;
  /**
   * New warm-up calls start for this long once the throwaway bridge listens; the ones under way
   * may end for as long again.
   */
  static final Duration BUDGET = Duration.ofMillis(1000);
  private static final int SENDERS = 8;
  private static final Duration DRAIN = Duration.ofSeconds(2);
  private static final String QUIETED = "dev.sipbridge";

  /**
   * What the warm-up did.
   *
   * @param started synthetic calls whose webhook the throwaway bridge answered 200
   * @param ended of those, the calls that ended (accepted, socket opened, lines assembled, sinks
   *     told) before the budget ran out
   * @param lines transcript lines the throwaway bridge's sinks received
   */
  record Report(int started, int ended, int lines, Duration took) {
    static final Report NONE = new Report(0, 0, 0, Duration.ZERO);
  }

  private WarmUp() {}

  /**
   * Plays up to {@code calls} synthetic calls; returns when they ended or the budget ran out.
   *
   * @param toDiscord whether the service has a Discord sink: then the warm-up posts to a simulated
   *     Discord, so that the adapter it will use is the one warmed
   */
  static Report run(boolean toDiscord, int calls, Duration budget) {
    long t0 = System.nanoTime();
    ConversationScript script = ConversationScript.demo().withEventDelay(Duration.ofMillis(1));
    Path dataDir = null;
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(script);
        SimulatedDiscord simDiscord = SimulatedDiscord.start()) {
      String secret = WebhookSigner.randomSecret();
      dataDir = Files.createTempDirectory("bridge-warmup");
      Map<String, String> env = new HashMap<>();
      env.put("OPENAI_API_KEY", "sk-warmup-not-a-real-key");
      env.put("OPENAI_WEBHOOK_SECRET", secret);
      env.put("OPENAI_BASE_URL", openAi.baseUrl().toString());
      env.put("WELCOME_MESSAGE", script.greeting().orElse(""));
      env.put("PORT", "0");
      // its own store, thrown away after: synthetic calls never reach the service's records
      env.put("DATA_DIR", dataDir.toString());
      // calls still under way when the budget ends run out on a draining bridge, instead of being
      // cut (which would log sink and webhook warnings about made-up calls)
      env.put("DRAIN_SECONDS", Long.toString(DRAIN.toSeconds()));
      env.put("MAX_CONCURRENT_CALLS", Integer.toString(calls + 1));
      if (toDiscord) {
        env.put("DISCORD_WEBHOOK_URL", simDiscord.webhookUrl().toString());
        env.put("DISCORD_MIN_INTERVAL_MS", "0");
      }
      Counting counting = new Counting();
      Level level = quiet();
      int started;
      try {
        Bridge bridge = Bridge.start(BridgeConfig.fromEnv(env),
            new Extensions(List.of(counting), List.of(Demo.lookupOrder())));
        try {
          long playing = System.nanoTime();
          started = play(bridge.port(), secret, calls, playing + budget.toNanos());
          counting.awaitEnded(started, playing + 2 * budget.toNanos());
        } finally {
          bridge.shutdown();
        }
      } finally {
        restore(level);
      }
      Report report = new Report(started, counting.ended.get(), counting.lines.get(),
          Duration.ofNanos(System.nanoTime() - t0));
      LOG.info("warm-up: {} synthetic calls on 127.0.0.1 ({} ended, {} lines) in {} ms",
          report.started(), report.ended(), report.lines(), report.took().toMillis());
      return report;
    } catch (RuntimeException | IOException e) {
      // A warm-up that fails costs the first calls their speed, never the service its start.
      LOG.warn("warm-up failed, starting cold: {}", e.toString());
      return new Report(0, 0, 0, Duration.ofNanos(System.nanoTime() - t0));
    } finally {
      deleteQuietly(dataDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      LOG.debug("warm-up store {} not deleted: {}", dir, e.toString());
    }
  }

  /**
   * The synthetic calls would log a few lines each at INFO (hundreds at start-up, with made-up call
   * ids): the bridge's own loggers stay at WARN while they run. No-op without Logback.
   *
   * @return the level to restore, null for none
   */
  private static Level quiet() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return null;
    }
    ch.qos.logback.classic.Logger ours = context.getLogger(QUIETED);
    Level before = ours.getLevel();
    if (ours.isEnabledFor(Level.INFO)) {
      ours.setLevel(Level.WARN);
    }
    return before == null ? Level.OFF : before; // OFF stands for "inherited"
  }

  private static void restore(Level level) {
    if (level != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(QUIETED).setLevel(level == Level.OFF ? null : level);
    }
  }

  /** Delivers signed webhooks from a few threads until {@code calls} or the deadline. */
  private static int play(int port, String secret, int calls, long deadline) {
    WebhookSigner signer = new WebhookSigner(secret);
    URI url = URI.create("http://127.0.0.1:" + port + "/openai/webhook");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS, r -> {
      Thread t = new Thread(r, "warm-up");
      t.setDaemon(true);
      return t;
    });
    List<Runnable> tasks = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      tasks.add(() -> {
        int i;
        while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < calls) {
          String callId = String.format("rtc_warmup%022d", i);
          int status = signer.deliver(client, url, signer.incomingCall(callId,
              WebhookSigner.sipHeaders("+14155550123", "+18005550100")));
          if (status == 200) {
            answered.incrementAndGet();
          }
        }
      });
    }
    tasks.forEach(senders::execute);
    senders.shutdown();
    try {
      // a sender starts no call after the deadline; one under way ends when its webhook is
      // answered, so this waits only for the last accepts
      if (!senders.awaitTermination(Math.max(0, deadline - System.nanoTime()) + 5_000_000_000L,
          TimeUnit.NANOSECONDS)) {
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return answered.get();
  }

  /** The throwaway bridge's extra sink: counts what the synthetic calls produced. */
  private static final class Counting implements TranscriptSink {
    final AtomicInteger lines = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();

    @Override
    public void callStarted(IncomingCall call) {}

    @Override
    public void publish(TranscriptLine line) {
      lines.incrementAndGet();
    }

    @Override
    public void callEnded(CallTranscript transcript) {
      synchronized (this) {
        ended.incrementAndGet();
        notifyAll();
      }
    }

    synchronized void awaitEnded(int calls, long deadline) {
      long left;
      while (ended.get() < calls && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
