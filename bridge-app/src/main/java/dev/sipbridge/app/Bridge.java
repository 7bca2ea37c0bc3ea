package dev.sipbridge.app;

import dev.sipbridge.app.http.BridgeServer;
import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.port.TranscriptSink;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running bridge: the wired component and its HTTP server; stops gracefully. */
public final class Bridge {
  private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
  private static final Duration FLUSH_DEADLINE = Duration.ofSeconds(10);

  /** How long start-up waits for the call store; a store that is down delays it no more. */
  private static final Duration STORE_START_WAIT = Duration.ofSeconds(5);

  private final BridgeConfig config;
  private final BridgeComponent component;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile WarmUp.Report warmUp = WarmUp.Report.NONE;

  private Bridge(BridgeConfig config, BridgeComponent component) {
    this.config = config;
    this.component = component;
  }

  /** Wires the bridge and starts its server on {@code PORT} (0: a free port). */
  public static Bridge start(BridgeConfig config, Extensions extensions) {
    return start(
        config, DaggerBridgeComponent.factory().create(config, extensions), 0, Duration.ZERO);
  }

  /** Starts {@code component}, wired from {@code config} (tests pass one with fake adapters). */
  static Bridge start(BridgeConfig config, BridgeComponent component) {
    return start(config, component, 0, Duration.ZERO);
  }

  /**
   * Like {@link #start}, but also plays up to {@code warmUpCalls} synthetic calls through a
   * throwaway bridge on loopback ({@link WarmUp}), on a thread of its own while this bridge starts;
   * the server listens at once but answers nothing ({@code /ready}, {@code /health}, the webhook:
   * they wait) until the warm-up is done, so the first real call meets warm code. The service
   * ({@link Main}) starts this way; tests and the demo need not.
   */
  static Bridge startWarmedUp(
      BridgeConfig config, Extensions extensions, int warmUpCalls, Duration budget) {
    return start(
        config, DaggerBridgeComponent.factory().create(config, extensions), warmUpCalls, budget);
  }

  private static Bridge start(
      BridgeConfig config, BridgeComponent component, int warmUpCalls, Duration budget) {
    Bridge bridge = new Bridge(config, component);
    // Start-up uses both cores: the OpenAI SDK, OkHttp's trust store and the lifecycle load on a
    // second thread while Jetty and Javalin load here (docs/performance.md). The server waits for
    // them before it answers anything that needs them.
    CompletableFuture<CallLifecycle> services =
        CompletableFuture.supplyAsync(
            () -> {
              component.webhookVerifier();
              CallLifecycle lifecycle = component.lifecycle();
              awaitStore(component);
              return lifecycle;
            },
            task -> new Thread(task, "startup").start());
    // The warm-up's throwaway bridge loads what this one needs too, on a third thread.
    CompletableFuture<WarmUp.Report> warmedUp =
        warmUpCalls <= 0
            ? CompletableFuture.completedFuture(WarmUp.Report.NONE)
            : CompletableFuture.supplyAsync(
                () -> WarmUp.run(config.discord().isPresent(), warmUpCalls, budget),
                task -> new Thread(task, "warm-up").start());
    try {
      component.server().start("0.0.0.0", config.server().port(), warmedUp);
    } catch (BridgeServer.PortUnavailable e) {
      component.server().close();
      throw e; // Main prints it as one line
    }
    try {
      services.join();
    } catch (CompletionException e) {
      component.server().close(); // its threads would keep a process that cannot work alive
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
    }
    bridge.warmUp = warmedUp.join(); // WarmUp.run reports a failure instead of throwing it
    long sinceStart =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    LOG.info(
        "ready on port {} after {} ms (voice route {}, {} sink(s), max {} calls)",
        bridge.port(),
        sinceStart,
        config.voiceRoute() ? "on" : "off",
        component.sinks().size(),
        config.server().maxConcurrentCalls());
    if (config.operator().token().isPresent()) {
      LOG.info(
          "operator API on /api and console on http://127.0.0.1:{}/console{}",
          bridge.port(),
          config.operator().metricsRequireToken() ? "; /metrics needs the token" : "");
    } else {
      LOG.info("operator API and console are off: set OPERATOR_TOKEN to turn them on");
    }
    return bridge;
  }

  /**
   * Lets the store's start (schema, close-out) finish before the first call, so the two do not
   * compete for the CPU. Only its first try is waited for, and at most a few seconds: a database
   * that is down delays start-up no longer (the pool gives up on a connection after 5 s).
   */
  private static void awaitStore(BridgeComponent component) {
    try {
      if (!component.callRecorder().awaitStarted(STORE_START_WAIT)) {
        LOG.warn(
            "the call store is not answering yet; calls are taken and their records wait in"
                + " the backlog");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the warm-up before start did ({@link WarmUp.Report#NONE} when there was none). */
  WarmUp.Report warmUp() {
    return warmUp;
  }

  public int port() {
    return component.server().port();
  }

  public CallLifecycle lifecycle() {
    return component.lifecycle();
  }

  /** The Prometheus text of the bridge's metrics. */
  public String metrics() {
    return component.metrics().scrape();
  }

  /**
   * Stops taking calls (webhooks get 503, {@code /ready} 503), lets live calls go on for up to
   * {@code DRAIN_SECONDS}, flushes the sinks, then closes everything. Idempotent.
   */
  public void shutdown() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    LOG.info("shutting down");
    close();
    LOG.info("stopped");
  }

  /**
   * {@link #shutdown()} without its two log lines: the warm-up's throwaway bridge stops this way
   * while the service starts, where "shutting down" would mislead an operator.
   */
  void stop() {
    if (stopped.compareAndSet(false, true)) {
      close();
    }
  }

  private void close() {
    component.lifecycle().shutdown(config.server().drain(), FLUSH_DEADLINE);
    component.eventHub().close(); // open event streams would hold the server's stop
    component.server().close();
    // After the lifecycle: the calls' last events (their ends) are in the backlog by now.
    component.callRecorder().close();
    if (component.callStore() instanceof AutoCloseable) {
      closeQuietly((AutoCloseable) component.callStore());
    }
    for (TranscriptSink sink : component.sinks()) {
      if (sink instanceof AutoCloseable) {
        closeQuietly((AutoCloseable) sink);
      }
    }
    if (component.callControl() instanceof AutoCloseable) {
      closeQuietly((AutoCloseable) component.callControl());
    }
    component.scheduler().shutdownNow();
    component.workers().shutdown();
    try {
      component.workers().awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    component.okHttpClient().dispatcher().executorService().shutdown();
    component.okHttpClient().connectionPool().evictAll();
    closeQuietly(component.metrics());
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
    }
  }
}
