package dev.sipbridge.discord;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook's one sender: a state machine stepped on a single-threaded scheduler. Each step sends
 * at most one request (blocking that one thread, bounded by the request timeouts) and then
 * schedules the next step after whatever wait Discord or the backoff asks for. The message in
 * flight stays at the head until it is delivered or given up, which keeps every call's order. Lines
 * of a call are coalesced only under a real backlog: more messages queued than {@link
 * Pacing#allowance()} lets go at once. Fields without atomics or volatile are confined to the
 * scheduler's thread.
 */
final class Sender {
  private static final System.Logger LOG = System.getLogger(DiscordTranscriptSink.class.getName());
  private static final long IDLE = -1;

  private final DiscordSettings settings;
  private final Outbox outbox;
  private final WebhookClient client;
  private final Outcomes outcomes;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Pacing pacing;
  private final AtomicBoolean dead = new AtomicBoolean();

  /** Orders {@link #drain()} against scheduling the next step, so no budget wait slips by. */
  private final Object scheduling = new Object();

  private volatile ScheduledFuture<?> next;
  private final AtomicLong waits = new AtomicLong();
  private volatile State state = State.OK;
  private volatile Instant pausedUntil;
  private volatile int inFlight;

  /** The last answer was a 5xx or none: only then do lines age out. */
  private boolean failing;

  private final Message message = new Message();

  /**
   * How the webhook answers lately: RATE_LIMITED while a pause Discord asked for (429, Cloudflare)
   * lasts, FAILING after 5xx or no answer, DEAD after 401/404.
   */
  enum State {
    OK,
    RATE_LIMITED,
    FAILING,
    DEAD
  }

  Sender(
      DiscordSettings settings,
      Outbox outbox,
      WebhookClient client,
      Outcomes outcomes,
      Clock clock,
      ScheduledExecutorService executor) {
    this.settings = settings;
    this.outbox = outbox;
    this.client = client;
    this.outcomes = outcomes;
    this.clock = clock;
    this.executor = executor;
    this.pacing = new Pacing(settings);
  }

  /** Starts stepping; called once per {@link Outbox.Offer#ADDED_WAKE}. */
  void wake() {
    schedule(0);
  }

  boolean dead() {
    return dead.get();
  }

  State state() {
    return state;
  }

  /** The end of the pause Discord asked for, or null when none is in force. */
  Instant pausedUntil() {
    Instant until = pausedUntil;
    return until != null && until.isAfter(clock.instant()) ? until : null;
  }

  /** How many times a step was put off (pacing, a pause, a backoff); for tests. */
  long waits() {
    return waits.get();
  }

  /** Items in the message being sent. */
  int inFlight() {
    return inFlight;
  }

  /**
   * Shutdown: from now on only Discord's own limits hold messages back; a wait for the channel
   * budget already scheduled is cut short. Safe from any thread.
   */
  void drain() {
    synchronized (scheduling) {
      pacing.drain();
      ScheduledFuture<?> pending = next;
      if (pending != null && pending.cancel(false)) {
        schedule(0);
      }
    }
  }

  /** After the scheduler stopped: counts what is left and logs it per call. */
  void abandon() {
    List<Item> left = new ArrayList<>(message.items());
    left.addAll(outbox.drain());
    message.clear();
    inFlight = 0;
    outbox.finished();
    outcomes.gaveUpPerCall(left, "not delivered before the Discord sink was closed");
  }

  private void pump() {
    long delay;
    try {
      delay = step();
    } catch (RuntimeException e) {
      // never let the loop die silently; the message stays at the head
      LOG.log(WARNING, "Discord sender step failed ({0}); trying again", e.getClass().getName());
      delay = pacing.backoff(1).toNanos();
    }
    if (delay == IDLE && outbox.park()) {
      return;
    }
    synchronized (scheduling) {
      if (delay > 0 && pacing.draining()) {
        delay = Math.min(delay, pacing.delayNanos()); // drain() came while this step ran
      }
      if (delay > 0) {
        waits.incrementAndGet();
      }
      schedule(Math.max(0, delay));
    }
  }

  private void schedule(long delayNanos) {
    try {
      next = executor.schedule(this::pump, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed: abandon() accounts for what is left
    }
  }

  /** At most one request. Returns nanoseconds until the next step, or IDLE. */
  private long step() {
    if (dead.get()) {
      dropEverything();
      return IDLE;
    }
    long wait = pacing.delayNanos();
    if (wait > 0) {
      return wait;
    }
    if (message.isEmpty() && !takeNext()) {
      return IDLE;
    }
    if (message.isDone()) { // nothing visible to send (only whitespace)
      delivered("");
      return 0;
    }
    if (failing
        && Duration.between(message.since(), clock.instant()).compareTo(settings.maxLineAge())
            > 0) {
      outcomes.gaveUp(
          message.items(),
          "still undelivered after "
              + Outcomes.human(settings.maxLineAge())
              + ", last "
              + message.lastFailure());
      complete();
      return 0;
    }
    String thread = settings.threadPerCall() ? outcomes.threadOf(message.call()) : null;
    Reply reply = client.post(message.payload(), thread);
    pacing.answered(reply);
    handle(reply);
    return pacing.delayNanos();
  }

  private boolean takeNext() {
    List<Item> stale = new ArrayList<>();
    // while Discord only rate-limits or answers, lines wait as long as it takes (the queue is
    // bounded); only while it fails do they age out
    Instant staleBefore = failing ? clock.instant().minus(settings.maxLineAge()) : Instant.MIN;
    boolean backlog = outbox.size() > pacing.allowance();
    List<Item> items = outbox.take(staleBefore, stale, backlog);
    outcomes.gaveUp(
        stale,
        "older than " + Outcomes.human(settings.maxLineAge()) + " before they could be sent");
    if (items.isEmpty()) {
      return false;
    }
    message.set(items);
    inFlight = items.size();
    return true;
  }

  private void handle(Reply reply) {
    failing = reply.kind() == Reply.Kind.RETRY;
    switch (reply.kind()) {
      case DELIVERED:
        answered();
        message.partSent();
        if (message.isDone()) {
          delivered(reply.channelId());
        }
        break;
      case RATE_LIMITED:
        outcomes.retried();
        message.failed(reply);
        Duration asked = reply.retryAfter().plus(Pacing.MARGIN);
        Duration applied = paused(asked);
        // a bucket's sub-second 429 is routine; a pause users notice is worth a warning
        LOG.log(
            asked.compareTo(Duration.ofSeconds(1)) >= 0 ? WARNING : reply.global() ? INFO : DEBUG,
            "Discord {0} rate limit: pausing all posts for {1}{2}; {3} message(s) kept queued "
                + "(call {4})",
            reply.global() ? "global" : "webhook",
            Outcomes.human(applied),
            pacing.capped(asked)
                ? " (Discord asked for "
                    + Outcomes.human(reply.retryAfter())
                    + "; the bridge waits at most that long at a time, then tries again)"
                : "",
            queued(),
            message.call());
        break;
      case CLOUDFLARE:
        outcomes.retried();
        message.failed(reply);
        Duration pause =
            paused(
                reply.retryAfter().compareTo(settings.cloudflarePause()) > 0
                    ? reply.retryAfter()
                    : settings.cloudflarePause());
        LOG.log(
            WARNING,
            "Discord answered {0} without its rate-limit JSON (Cloudflare?): "
                + "pausing all posts for {1}; {2} message(s) kept queued",
            reply.describe(),
            Outcomes.human(pause),
            queued());
        break;
      case RETRY:
        outcomes.retried();
        state = State.FAILING;
        int failures = message.failed(reply);
        Duration backoff = pacing.pause(pacing.backoff(failures));
        LOG.log(
            failures == 1 ? WARNING : DEBUG,
            "Discord post for call {0} failed: {1}; " + "retry {2} in {3}",
            message.call(),
            reply.describe(),
            failures,
            Outcomes.human(backoff));
        break;
      case REJECTED:
        answered();
        outcomes.gaveUp(message.items(), "Discord rejected the message: " + reply.describe());
        complete();
        break;
      case DEAD:
        state = State.DEAD;
        if (dead.compareAndSet(false, true)) {
          LOG.log(
              ERROR,
              "Discord webhook answered {0}: it was deleted or its token is wrong. "
                  + "The Discord sink stops; everything queued and later is dropped and counted.",
              reply.describe());
        }
        dropEverything();
        break;
      default:
        throw new IllegalStateException("unknown reply kind " + reply.kind());
    }
  }

  /** Discord took a request: whatever pause it asked for is over. */
  private void answered() {
    state = State.OK;
    pausedUntil = null;
  }

  private Duration paused(Duration asked) {
    Duration applied = pacing.pause(asked);
    state = State.RATE_LIMITED;
    pausedUntil = clock.instant().plus(applied);
    return applied;
  }

  private int queued() {
    return outbox.size() + message.items().size();
  }

  private void delivered(String channelId) {
    outcomes.delivered(message.items(), channelId);
    complete();
  }

  private void dropEverything() {
    List<Item> all = new ArrayList<>(message.items());
    all.addAll(outbox.drain());
    outcomes.gaveUp(all, null);
    if (!message.isEmpty()) {
      complete();
    }
  }

  private void complete() {
    message.clear();
    inFlight = 0;
    outbox.finished();
  }
}
