package dev.sipbridge.discord;

import static java.lang.System.Logger.Level.WARNING;

import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.DeliveryObserver;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * Posts calls to one Discord webhook: an announcement when a call starts, one message per
 * transcript line, and the whole transcript when it ends (a {@code .txt} attachment when longer
 * than 2000 code points). Every message sends {@code allowed_mentions: {parse: []}} and has
 * {@code @everyone}/{@code @here} broken by a zero-width space, so transcripts ping nobody.
 *
 * <p>Threading: the {@link TranscriptSink} methods only enqueue and return at once; they never
 * block on Discord. One queue and one sender thread serve the webhook, so a call's messages leave
 * in order and never overtake each other. Delivery is prompt: a message goes out as soon as it is
 * queued unless Discord's bucket is empty, Discord asked for a pause, or the sustained channel
 * budget ({@link DiscordSettings#burst()} back to back, then one per {@link
 * DiscordSettings#minInterval()}) is used up. Only then, under a real backlog, are queued lines of
 * one call coalesced into one message (one line per text line, at most 2000 code points). Delivery
 * is at least once: a request that timed out after Discord stored it is sent again.
 *
 * <p>Failures: rate limits are respected from the headers and honoured on 429, but no single wait
 * exceeds {@link DiscordSettings#maxPause()}; while paused, lines stay queued (up to {@link
 * DiscordSettings#maxQueued()}). 5xx and network errors are retried with backoff; while they last,
 * a message still undelivered {@link DiscordSettings#maxLineAge()} after its line was emitted is
 * given up. Other 4xx drop that message. 401/404 mean the webhook is gone: logged once, then
 * everything is dropped without further requests. Every give-up is counted through {@link
 * DeliveryObserver#gaveUp} (a line, an announcement or a final transcript counts one) and logged;
 * delivered lines are reported with their latency since emission; {@link #health()} tells how the
 * webhook is doing.
 *
 * <p>Threads per call ({@link DiscordSettings#threadPerCall()}, for forum channels): the
 * announcement opens a thread and the call's later messages go into it. If the announcement is
 * given up, they go to the webhook's channel without a thread.
 */
public final class DiscordTranscriptSink implements TranscriptSink, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DiscordTranscriptSink.class.getName());

  private final DiscordSettings settings;
  private final Clock clock;
  private final Outbox outbox;
  private final WebhookClient client;
  private final ScheduledExecutorService executor;
  private final ScheduledExecutorService deadline;
  private final Outcomes outcomes;
  private final Sender sender;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean full = new AtomicBoolean();
  private final AtomicLong droppedFull = new AtomicLong();

  /**
   * How the sink is doing, for {@code /metrics} and {@code /ready}.
   *
   * @param healthy the webhook answers and no pause is in force
   * @param state {@code ok}, {@code rate_limited} (Discord asked for a pause), {@code failing} (5xx
   *     or no answer, retrying), {@code dead} (401/404: the webhook is gone) or {@code closed}
   * @param pausedUntil the end of the pause Discord asked for, if one is in force
   * @param queued messages waiting or being sent (a line, an announcement or a transcript each)
   * @param droppedQueueFull messages dropped so far because the queue held {@link
   *     DiscordSettings#maxQueued()}
   */
  public record Health(
      boolean healthy,
      String state,
      Optional<Instant> pausedUntil,
      int queued,
      long droppedQueueFull) {}

  /**
   * Starts the sender thread (a daemon, named {@code discord-sender}) and the thread that bounds
   * each request by {@link DiscordSettings#callTimeout()} ({@code discord-deadline}, checking once
   * a second, or twice per call timeout when that is shorter than 2 s).
   *
   * @param client the application's shared client; this sink derives one with its own timeouts
   *     sharing the connection pool, and never shuts the shared one down
   * @param observer told about deliveries, retries and give-ups, from the sender thread
   * @param clock for line ages and latencies (waits use the monotonic timer)
   */
  public DiscordTranscriptSink(
      DiscordSettings settings, OkHttpClient client, DeliveryObserver observer, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.outbox = new Outbox(settings.maxQueued());
    this.client = new WebhookClient(settings, Objects.requireNonNull(client, "client"));
    this.executor = Executors.newSingleThreadScheduledExecutor(daemon("discord-sender"));
    this.deadline = Executors.newSingleThreadScheduledExecutor(daemon("discord-deadline"));
    long checkNanos =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(1),
            Math.min(TimeUnit.SECONDS.toNanos(1), settings.callTimeout().toNanos() / 2));
    deadline.scheduleWithFixedDelay(
        this.client::cancelIfOverdue, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
    this.outcomes = new Outcomes(Objects.requireNonNull(observer, "observer"), clock);
    this.sender = new Sender(settings, outbox, this.client, outcomes, clock, executor);
  }

  /** Queues the announcement (and, with threads per call, the thread's creation). Non-blocking. */
  @Override
  public void callStarted(IncomingCall call) {
    String threadName = settings.threadPerCall() ? Render.threadName(call) : null;
    enqueue(
        new Item.Announcement(call.id(), Render.announcement(call), threadName, clock.instant()));
  }

  /** Queues one line ({@code line.render()}). Non-blocking. */
  @Override
  public void publish(TranscriptLine line) {
    enqueue(new Item.Line(line, MessageText.neutralise(line.render())));
  }

  /** Queues the final transcript. Non-blocking. */
  @Override
  public void callEnded(CallTranscript transcript) {
    enqueue(Render.transcript(transcript, clock.instant()));
  }

  /** Its three calls only queue (the sender thread posts), so the bridge calls them directly. */
  @Override
  public boolean queuesOnly() {
    return true;
  }

  /**
   * Blocks until everything queued was delivered or given up, or until {@code deadline} passed.
   * From now on the channel budget no longer holds messages back (only Discord's own bucket and
   * pauses do), so a shutdown delivers the queue as fast as Discord allows. Whatever is left when
   * {@link #close()} follows is logged per call.
   *
   * @return true when the queue drained in time, nothing was given up meanwhile and the webhook is
   *     alive
   */
  @Override
  public boolean flush(Duration deadline) {
    long before = outcomes.givenUp();
    sender.drain();
    long nanos =
        deadline.compareTo(Duration.ofDays(365)) > 0
            ? Long.MAX_VALUE / 4
            : Math.max(0, deadline.toNanos());
    try {
      boolean idle = outbox.awaitIdle(System.nanoTime() + nanos);
      return idle && !sender.dead() && outcomes.givenUp() == before;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops the sender thread, aborting a request in flight; whatever is still queued is counted as
   * given up and logged. Call {@link #flush} first to deliver it. Idempotent; blocks briefly.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdownNow();
    deadline.shutdownNow();
    client.cancel();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.abandon();
  }

  /** How the sink is doing now. Cheap; safe from any thread. */
  public Health health() {
    Sender.State state = sender.state();
    Instant until = sender.pausedUntil();
    String name =
        closed.get()
            ? "closed"
            : state == Sender.State.RATE_LIMITED && until == null
                ? "ok"
                : state.name().toLowerCase(java.util.Locale.ROOT);
    return new Health(
        name.equals("ok"),
        name,
        Optional.ofNullable(until),
        outbox.size() + sender.inFlight(),
        droppedFull.get());
  }

  /** How many times the sender put a step off to wait (pacing, pauses, backoff); for tests. */
  long waits() {
    return sender.waits();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private void enqueue(Item item) {
    if (closed.get()) {
      outcomes.gaveUp(List.of(item), "the Discord sink is closed");
      return;
    }
    if (sender.dead()) {
      outcomes.gaveUp(List.of(item), null); // the webhook's death was logged once
      return;
    }
    Outbox.Offer offer = outbox.offer(item);
    if (offer == Outbox.Offer.FULL) {
      if (full.compareAndSet(false, true)) {
        LOG.log(
            WARNING,
            "Discord queue is full ({0} messages): dropping new ones until it "
                + "drains; each is counted as given up",
            settings.maxQueued());
      }
      droppedFull.incrementAndGet();
      outcomes.gaveUp(List.of(item), null);
      return;
    }
    full.set(false);
    if (offer == Outbox.Offer.ADDED_WAKE) {
      sender.wake();
    }
  }
}
