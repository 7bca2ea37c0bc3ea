package dev.sipbridge.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * {@code bench}: the load benchmark. Runs the real bridge (the same jar, production wiring, or any
 * bridge that follows the SPEC with {@code --cmd}) as a child process against a simulated OpenAI
 * and a simulated Discord on 127.0.0.1, plays the measured calls from right after {@code /ready}
 * (cold, as a user's process meets them; {@code --warm} plays warm-up calls first), and prints one
 * JSON line with latencies, delivery, memory, CPU, threads and start-up time (docs/performance.md
 * explains every field).
 */
public final class LoadBenchmark {
  private static final Duration ORDER_WAIT = Duration.ofMillis(2000);
  private static final Duration SETTLE = Duration.ofSeconds(1);

  /**
   * Warm-up calls play their events this fast and start at most this often: they warm both JVMs'
   * compilers on the same code paths with ~100 live at once, so the heap hardly grows for them
   * before the idle sample. (Events per second are calls per second times events per call, so a 200
   * calls/s warm-up would be a 20,000 events/s stress test, not a warm-up.)
   */
  private static final Duration WARMUP_EVENT_DELAY = Duration.ofMillis(20);

  private static final double WARMUP_MAX_RATE = 50;

  /** The driver's own warm-up: quick calls (~1 s each), ~100 live at once. */
  private static final double DRIVER_WARMUP_RATE = 100;

  private static final Duration DRIVER_WARMUP_EVENT_DELAY = Duration.ofMillis(10);

  private LoadBenchmark() {}

  /**
   * Runs the benchmark; blocks until done.
   *
   * @param out receives the one JSON line
   * @param err receives usage errors and, on failure, where the bridge's log is
   * @return 0 when every webhook was answered 200 and every line delivered, 1 otherwise, 2 on bad
   *     arguments
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("bench: " + e.getMessage());
      err.println(BenchOptions.USAGE);
      return 2;
    }
    try {
      ObjectNode report = measure(options, err);
      out.println(report.toString());
      return report.path("ok").asBoolean() ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      err.println("bench failed: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  static ObjectNode measure(BenchOptions o, PrintStream err)
      throws IOException, InterruptedException {
    Map<String, ConversationScript> scripts = new ConcurrentHashMap<>();
    LineTracker lines = new LineTracker();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-timer");
              t.setDaemon(true);
              return t;
            });
    Path log = Files.createTempFile("bench-bridge-", ".log");
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(scripts::get);
        SimulatedDiscord discord = SimulatedDiscord.start()) {
      discord.onMessage(lines::onMessage);
      String secret = WebhookSigner.randomSecret();
      Map<String, String> env = new HashMap<>();
      env.put("OPENAI_API_KEY", "sk-bench-not-a-real-key");
      env.put("OPENAI_WEBHOOK_SECRET", secret);
      env.put("OPENAI_BASE_URL", openAi.baseUrl().toString());
      env.put("DISCORD_WEBHOOK_URL", discord.webhookUrl().toString());
      env.put("DISCORD_MIN_INTERVAL_MS", "0");
      env.put("TRANSCRIPT_ORDER_WAIT_MS", Long.toString(ORDER_WAIT.toMillis()));
      env.put("MAX_CONCURRENT_CALLS", Integer.toString(Math.max(500, o.concurrency() + 100)));
      env.put("LOG_LEVEL", "WARN");
      env.put("DRAIN_SECONDS", "0");
      List<String> jvm = o.jvmArgs();
      Path archiveDir = null;
      if (o.cds()) {
        if (jar(o) == null) {
          throw new IllegalArgumentException("--cds on needs the bridge as a jar (--jar)");
        }
        archiveDir = Files.createTempDirectory("bench-cds"); // kept when making it fails: its log
        jvm = BridgeProcess.withClassArchive(jar(o), jvm, archiveDir);
      }
      // one driver per bridge it plays against: the same simulators, scripts and signer
      Function<BridgeProcess, CallDriver> driverFor =
          b ->
              new CallDriver(
                  o,
                  openAi,
                  scripts,
                  lines,
                  new WebhookSigner(secret),
                  b.uri("/openai/webhook"),
                  ORDER_WAIT,
                  timer);
      if (o.driverWarmup() > 0) {
        warmDriver(o, env, driverFor);
      }
      try (BridgeProcess bridge = BridgeProcess.start(jar(o), jvm, o.command(), env, log)) {
        CallDriver driver = driverFor.apply(bridge);
        Sampler coldIdle = Sampler.idle(bridge);
        Sampler idle = coldIdle; // cold: the load starts right after /ready and this sample
        if (o.warmup() > 0) {
          Duration delay = Duration.ofMillis(o.eventDelayMs());
          driver.run(
              "warm",
              o.warmup(),
              Math.min(o.rate(), WARMUP_MAX_RATE),
              delay.compareTo(WARMUP_EVENT_DELAY) < 0 ? delay : WARMUP_EVENT_DELAY);
          Thread.sleep(SETTLE.toMillis());
          idle = Sampler.idle(bridge);
        }
        Sampler peak = new Sampler(bridge, driver::live);
        peak.start(timer);
        long started = System.nanoTime();
        double cpuBefore = bridge.cpuSeconds();
        long driverCpuBefore = driverCpuNanos();
        long driverGcBefore = driverGcMillis();
        Map<String, Double> metricsBefore = bridge.metrics();
        CallDriver.Result r =
            driver.run("load", o.calls(), o.rate(), Duration.ofMillis(o.eventDelayMs()));
        double cpu = bridge.cpuSeconds() - cpuBefore;
        BridgeView view = new BridgeView(metricsBefore, bridge.metrics());
        double driverCpu = (driverCpuNanos() - driverCpuBefore) / 1e9;
        long driverGc = driverGcMillis() - driverGcBefore;
        double seconds = (System.nanoTime() - started) / 1e9;
        peak.stop();
        ObjectNode report =
            Report.of(o, r, coldIdle, idle, peak, cpu, seconds, bridge.readyNanos());
        report.put("driver_cpu_s", Math.round(driverCpu * 1000) / 1000.0);
        report.put("driver_gc_ms", driverGc);
        report
            .putObject("bridge_accept_ms")
            .put("p50", view.acceptMs(50))
            .put("p99", view.acceptMs(99));
        report
            .put("gc_pauses", view.gcPauses())
            .put("gc_pause_ms", Math.round(view.gcPauseMs() * 10) / 10.0);
        if (!report.path("ok").asBoolean()) {
          err.println("bench: not every call succeeded; the bridge's log is " + log);
        } else {
          Files.deleteIfExists(log);
        }
        return report;
      } finally {
        if (archiveDir != null) {
          BridgeProcess.deleteTree(archiveDir); // ~45 MB per run
        }
      }
    } finally {
      timer.shutdownNow();
    }
  }

  /**
   * Warms the instrument, not the bridge under test: plays {@code --driver-warmup} calls through
   * the driver and the simulators against a throwaway bridge process (this jar, the recommended
   * options), then stops it. A real OpenAI is not a cold JVM; left cold, the driver's first seconds
   * (its HTTP client and the simulators interpreted, then compiled) add ~0.1–0.25 s to the first
   * calls' latencies of any bridge it measures, the Node original's as much as this one's
   * (docs/performance.md, sixth round).
   */
  private static void warmDriver(
      BenchOptions o, Map<String, String> env, Function<BridgeProcess, CallDriver> driverFor)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("bench-driver-warmup-", ".log");
    try (BridgeProcess throwaway =
        BridgeProcess.start(jar(o), BenchOptions.RECOMMENDED_JVM, Optional.empty(), env, log)) {
      driverFor
          .apply(throwaway)
          .run("drv", o.driverWarmup(), DRIVER_WARMUP_RATE, DRIVER_WARMUP_EVENT_DELAY);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** CPU time of this process (driver and simulators), to show how loaded the machine was. */
  private static long driverCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /**
   * Time this process's collectors spent (JDK 17: pauses, for the default G1 and for Serial): a
   * driver pause delays the timestamps of everything it measures in that moment.
   */
  private static long driverGcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** The jar to run: the one asked for, else the one this class came from, else the class path. */
  private static Path jar(BenchOptions o) {
    if (o.jar().isPresent()) {
      return o.jar().get();
    }
    try {
      Path self =
          Path.of(LoadBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return self.toString().endsWith(".jar") ? self : null;
    } catch (URISyntaxException | SecurityException e) {
      return null;
    }
  }
}
