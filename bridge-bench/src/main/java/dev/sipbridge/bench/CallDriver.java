package dev.sipbridge.bench;

import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays one phase of the benchmark: starts calls at the configured rate, at most {@code
 * concurrency} live at once, each a signed webhook followed by its scripted conversation, and
 * collects what each call measured once its lines arrived (or timed out).
 */
final class CallDriver {
  /** What one phase measured. */
  static final class Result {
    final Samples webhookToAccept = new Samples();

    /** Calls sent in the phase's first minute: what a fresh replica's first callers meet. */
    final Samples webhookToAcceptFirstMinute = new Samples();

    /**
     * The same latencies by the {@link #WINDOW_NANOS} window the webhook was sent in: where in the
     * run the tail sits (a cold start's first seconds, or a collector pause anywhere).
     */
    final ConcurrentSkipListMap<Integer, Samples> webhookToAcceptByWindow =
        new ConcurrentSkipListMap<>();

    final long startedNanos = System.nanoTime();
    final Samples webhookResponse = new Samples();
    final Samples completionToSink = new Samples();
    final AtomicLong linesExpected = new AtomicLong();
    final AtomicLong linesDelivered = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final AtomicInteger webhooksFailed = new AtomicInteger();
    final AtomicInteger callsFailed = new AtomicInteger();
  }

  private static final Duration BRIDGE_TIMEOUT = Duration.ofSeconds(30);
  private static final long FIRST_MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
  static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final BenchOptions options;
  private final SimulatedOpenAi openAi;
  private final Map<String, ConversationScript> scripts;
  private final LineTracker lines;
  private final WebhookSigner signer;
  private final URI webhookUrl;
  private final long orderWaitNanos;
  private final ScheduledExecutorService timer;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger live = new AtomicInteger();

  CallDriver(
      BenchOptions options,
      SimulatedOpenAi openAi,
      Map<String, ConversationScript> scripts,
      LineTracker lines,
      WebhookSigner signer,
      URI webhookUrl,
      Duration orderWait,
      ScheduledExecutorService timer) {
    this.options = options;
    this.openAi = openAi;
    this.scripts = scripts;
    this.lines = lines;
    this.signer = signer;
    this.webhookUrl = webhookUrl;
    this.orderWaitNanos = orderWait.toNanos();
    this.timer = timer;
  }

  /** Calls whose webhook was answered 200 and whose socket has not closed yet. */
  int live() {
    return live.get();
  }

  /**
   * Plays {@code calls} calls named after {@code phase}, {@code ratePerS} new calls a second and
   * {@code eventDelay} between two server events of a call; blocks until every one is finished.
   */
  Result run(String phase, int calls, double ratePerS, Duration eventDelay)
      throws InterruptedException {
    Result result = new Result();
    Semaphore slots = new Semaphore(options.concurrency());
    CountDownLatch finished = new CountDownLatch(calls);
    long period = (long) (1e9 / ratePerS);
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long wait = start + i * period - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      slots.acquire();
      launch(
          phase,
          i,
          eventDelay,
          result,
          () -> {
            slots.release();
            finished.countDown();
          });
    }
    finished.await();
    return result;
  }

  private void launch(String phase, int i, Duration eventDelay, Result result, Runnable done) {
    String callId = String.format(Locale.ROOT, "rtc_%s%024x", phase, i);
    ConversationScript script =
        ConversationScript.realistic(
                new Random(options.seed() * 1_000_003L + i), options.turns(), phase + i)
            .withEventDelay(eventDelay)
            .withBridgeTimeout(BRIDGE_TIMEOUT);
    scripts.put(callId, script);
    SimulatedCall call = openAi.call(callId);
    WebhookSigner.SignedWebhook webhook =
        signer.incomingCall(
            callId,
            WebhookSigner.sipHeaders(
                String.format(Locale.ROOT, "+1415%07d", i % 10_000_000), "+18005550100"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(webhookUrl)
            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
    webhook
        .headers()
        .forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase("content-length")) {
                request.header(k, v);
              }
            });
    Call c = new Call(callId, script, call, result, done);
    c.sentAt = System.nanoTime();
    http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, error) -> c.answered(error == null ? response.statusCode() : -1));
  }

  /** One call in flight. */
  private final class Call {
    final String id;
    final ConversationScript script;
    final SimulatedCall sim;
    final Result result;
    final Runnable done;
    long sentAt;
    long lineDeadline;

    Call(String id, ConversationScript script, SimulatedCall sim, Result result, Runnable done) {
      this.id = id;
      this.script = script;
      this.sim = sim;
      this.result = result;
      this.done = done;
    }

    void answered(int status) {
      long now = System.nanoTime();
      result.webhookResponse.add(now - sentAt);
      if (status != 200) {
        result.webhooksFailed.incrementAndGet();
        finish();
        return;
      }
      live.incrementAndGet();
      long maxSeconds = 60 + (60L + 60L * options.turns()) * options.eventDelayMs() / 1000;
      sim.closed()
          .orTimeout(maxSeconds, TimeUnit.SECONDS)
          .whenComplete(
              (code, error) -> {
                live.decrementAndGet();
                lineDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.lineTimeoutS());
                awaitLines();
              });
    }

    void awaitLines() {
      if (lines.allDelivered(script.expectedLines()) || System.nanoTime() > lineDeadline) {
        finish();
      } else {
        timer.schedule(this::awaitLines, 20, TimeUnit.MILLISECONDS);
      }
    }

    void finish() {
      try {
        long accept = sim.acceptRequestNanos();
        if (accept != 0) {
          result.webhookToAccept.add(accept - sentAt);
          if (sentAt - result.startedNanos < FIRST_MINUTE_NANOS) {
            result.webhookToAcceptFirstMinute.add(accept - sentAt);
          }
          result
              .webhookToAcceptByWindow
              .computeIfAbsent(
                  (int) ((sentAt - result.startedNanos) / WINDOW_NANOS), w -> new Samples())
              .add(accept - sentAt);
        }
        List<String> expected = script.expectedLines();
        result.linesExpected.addAndGet(expected.size());
        result.linesDelivered.addAndGet(
            lines.measure(
                expected, sim.lineCompletions(), orderWaitNanos, result.completionToSink));
        result.events.addAndGet(sim.framesSent());
        if (sim.failure().isPresent() || !sim.scriptFinished()) {
          result.callsFailed.incrementAndGet();
        }
        scripts.remove(id);
      } finally {
        done.run();
      }
    }
  }
}
