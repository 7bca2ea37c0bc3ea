package dev.sipbridge.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.sipbridge.app.demo.Demo;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the service reports ready, plays a few synthetic calls through a throwaway bridge wired
 * exactly as the real one (same code: webhook verification, the SDK's accept over OkHttp, the
 * realtime socket, transcript assembly, the sinks) against an in-process simulated OpenAI and
 * Discord on 127.0.0.1. The first real call then meets loaded, linked and initialised code instead
 * of paying the SDK's first use (1–2 s, issue 12). What that first use costs is class loading and
 * one-time set-up (the SDK's serializers, OkHttp's TLS and trust store, the JDK WebSocket client,
 * Logback), which a handful of concurrent calls pay as fully as hundreds; C1 compiles the hot paths
 * within the first real seconds anyway (docs/performance.md, change 18). Nothing reaches the real
 * OpenAI, the real sinks, the real store or the real metrics: the throwaway bridge has its own of
 * each and is shut down before the service answers. It returns as soon as its calls ended, and at
 * the latest {@code budget} after the throwaway bridge listens (then at most a {@link
 * ThrowawayBridge#DRAIN} more for calls under way).
 */
final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  /**
   * The service's start-up warm-up: this many calls at once, each running the whole call path once;
   * more bought no faster first call, only a later ready (docs/performance.md).
   */
  static final int CALLS = 6;

  /**
   * The start-up warm-up's bound, once its throwaway bridge listens; it ends earlier, as soon as
   * its calls ended (a few hundred ms even on a cold JVM).
   */
  static final Duration BUDGET = Duration.ofSeconds(3);

  /**
   * The AOT cache's training run ({@code warmup}): many more calls, so that the cache records the
   * method profiles of busy paths too (JEP 515); its time costs no start.
   */
  static final int TRAINING_CALLS = 200;

  /** The training run's bound, once its throwaway bridge listens. */
  static final Duration TRAINING_BUDGET = Duration.ofSeconds(2);

  private static final int MAX_SENDERS = 8;

  /**
   * The loggers the synthetic calls (and the throwaway bridge's stop) would log to at INFO, a few
   * lines per call with made-up call ids; only these, since the service starts alongside and its
   * own start-up lines (the store's migrations, say) must stay.
   */
  private static final List<String> QUIETED =
      List.of(
          "dev.sipbridge.app.Bridge",
          "dev.sipbridge.core.lifecycle.CallLifecycle",
          "dev.sipbridge.core.lifecycle.CallSession",
          "dev.sipbridge.core.tool",
          WarmUp.POOL_LOGGER);

  /**
   * The connection pool's logger: its start and stop lines name the pool ("call-store") as the
   * service's do, and the throwaway's stop comes after the service's ready, so it stays quiet until
   * that stop ended.
   */
  private static final String POOL_LOGGER = "com.zaxxer.hikari";

  /**
   * What the warm-up did.
   *
   * @param started synthetic calls whose webhook the throwaway bridge answered 200
   * @param ended of those, the calls that ended (accepted, socket opened, lines assembled, sinks
   *     told) before the budget ran out
   * @param lines transcript lines the throwaway bridge's sinks received
   * @param took until its calls ended
   * @param stopped done when the throwaway bridge, its simulators and store are gone; it stops in
   *     the background when all its calls ended
   */
  record Report(int started, int ended, int lines, Duration took, CompletableFuture<Void> stopped) {
    static final Report NONE =
        new Report(0, 0, 0, Duration.ZERO, CompletableFuture.completedFuture(null));
  }

  private WarmUp() {}

  /**
   * Plays up to {@code calls} synthetic calls, at most {@value #MAX_SENDERS} at once; returns when
   * they ended or {@code budget} ran out. The throwaway bridge then stops in the background ({@link
   * Report#stopped()}), unless calls were still under way: then it stops (draining them) first.
   *
   * @param toDiscord whether the service has a Discord sink (see {@link
   *     ThrowawayBridge#startBridge})
   */
  static Report run(boolean toDiscord, int calls, Duration budget) {
    long t0 = System.nanoTime();
    ConversationScript script = ConversationScript.demo().withEventDelay(Duration.ofMillis(1));
    ThrowawayBridge throwaway = new ThrowawayBridge();
    Counting counting = new Counting();
    Map<String, Level> levels = Map.of();
    long simulatorsUp;
    long bridgeUp;
    int started;
    try {
      throwaway.startSimulators(script);
      simulatorsUp = System.nanoTime();
      levels = quiet();
      throwaway.startBridge(
          script, toDiscord, calls, new Extensions(List.of(counting), List.of(Demo.lookupOrder())));
      bridgeUp = System.nanoTime();
      long deadline = bridgeUp + budget.toNanos();
      started = play(throwaway.port(), throwaway.secret(), calls, deadline);
      counting.awaitEnded(started, deadline);
    } catch (RuntimeException | IOException e) {
      // A warm-up that fails costs the first calls their speed, never the service its start.
      LOG.warn("warm-up failed, starting cold: {}", e.toString());
      restore(levels);
      throwaway.stop();
      return new Report(
          0,
          0,
          0,
          Duration.ofNanos(System.nanoTime() - t0),
          CompletableFuture.completedFuture(null));
    }
    long callsEnded = System.nanoTime();
    CompletableFuture<Void> stopped;
    if (counting.ended.get() == started) {
      // Nothing of it is left to log: the service may answer while it stops (~0.1–0.2 s saved)
      Map<String, Level> afterStop = new HashMap<>();
      if (levels.containsKey(POOL_LOGGER)) {
        afterStop.put(POOL_LOGGER, levels.remove(POOL_LOGGER));
      }
      restore(levels);
      stopped =
          CompletableFuture.runAsync(
              () -> {
                try {
                  throwaway.stop();
                } finally {
                  restore(afterStop);
                }
              },
              task -> daemon(task).start());
    } else {
      // its drain would log about made-up calls at INFO: quiet until it stopped; the calls it
      // drained count as ended (the training run's many calls end this way)
      throwaway.stop();
      restore(levels);
      stopped = CompletableFuture.completedFuture(null);
    }
    Report report =
        new Report(
            started,
            counting.ended.get(),
            counting.lines.get(),
            Duration.ofNanos(callsEnded - t0),
            stopped);
    LOG.info(
        "warm-up: {} synthetic calls on 127.0.0.1 ({} ended, {} lines) in {} ms"
            + " (simulators {}, bridge start {}, calls {})",
        report.started(),
        report.ended(),
        report.lines(),
        report.took().toMillis(),
        (simulatorsUp - t0) / 1_000_000,
        (bridgeUp - simulatorsUp) / 1_000_000,
        (callsEnded - bridgeUp) / 1_000_000);
    return report;
  }

  private static Thread daemon(Runnable task) {
    Thread t = new Thread(task, "warm-up-stop");
    t.setDaemon(true);
    return t;
  }

  /**
   * Keeps the {@link #QUIETED} loggers at WARN while the synthetic calls run. No-op without
   * Logback.
   *
   * @return the levels to restore (null: inherited), empty for none
   */
  private static Map<String, Level> quiet() {
    Map<String, Level> before = new HashMap<>();
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      for (String name : QUIETED) {
        ch.qos.logback.classic.Logger logger = context.getLogger(name);
        if (logger.isEnabledFor(Level.INFO)) {
          before.put(name, logger.getLevel());
          logger.setLevel(Level.WARN);
        }
      }
    }
    return before;
  }

  private static void restore(Map<String, Level> levels) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
  }

  /** Delivers signed webhooks from a few threads until {@code calls} or the deadline. */
  private static int play(int port, String secret, int calls, long deadline) {
    WebhookSigner signer = new WebhookSigner(secret);
    URI url = URI.create("http://127.0.0.1:" + port + "/openai/webhook");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    int senderCount = Math.min(calls, MAX_SENDERS);
    ExecutorService senders =
        Executors.newFixedThreadPool(
            senderCount,
            r -> {
              Thread t = new Thread(r, "warm-up");
              t.setDaemon(true);
              return t;
            });
    List<Runnable> tasks = new ArrayList<>();
    for (int s = 0; s < senderCount; s++) {
      tasks.add(
          () -> {
            int i;
            while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < calls) {
              String callId = String.format("rtc_warmup%022d", i);
              int status =
                  signer.deliver(
                      client,
                      url,
                      signer.incomingCall(
                          callId, WebhookSigner.sipHeaders("+14155550123", "+18005550100")));
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
      if (!senders.awaitTermination(
          Math.max(0, deadline - System.nanoTime()) + 5_000_000_000L, TimeUnit.NANOSECONDS)) {
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
