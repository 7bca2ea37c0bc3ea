package dev.sipbridge.discord;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The webhook's one sender: a state machine stepped on a single-threaded scheduler. Each step
 * sends at most one request (blocking that one thread, bounded by the request timeouts) and then
 * schedules the next step after whatever wait Discord or the backoff asks for. The message in
 * flight stays at the head until it is delivered or given up, which keeps every call's order.
 * Fields without atomics are confined to the scheduler's thread.
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

  private final Message message = new Message();

  Sender(DiscordSettings settings, Outbox outbox, WebhookClient client, Outcomes outcomes,
      Clock clock, ScheduledExecutorService executor) {
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

  /** After the scheduler stopped: counts and logs what is left. */
  void abandon() {
    List<Item> left = new ArrayList<>(message.items());
    left.addAll(outbox.drain());
    message.clear();
    outbox.finished();
    outcomes.gaveUp(left, "the Discord sink was closed before they were sent");
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
    schedule(Math.max(0, delay));
  }

  private void schedule(long delayNanos) {
    try {
      executor.schedule(this::pump, delayNanos, TimeUnit.NANOSECONDS);
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
    if (Duration.between(message.since(), clock.instant()).compareTo(settings.maxLineAge()) > 0) {
      outcomes.gaveUp(message.items(), "still undelivered after "
          + Outcomes.human(settings.maxLineAge()) + ", last " + message.lastFailure());
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
    List<Item> items = outbox.take(clock.instant().minus(settings.maxLineAge()), stale);
    outcomes.gaveUp(stale,
        "older than " + Outcomes.human(settings.maxLineAge()) + " before they could be sent");
    if (items.isEmpty()) {
      return false;
    }
    message.set(items);
    return true;
  }

  private void handle(Reply reply) {
    switch (reply.kind()) {
      case DELIVERED:
        message.partSent();
        if (message.isDone()) {
          delivered(reply.channelId());
        }
        break;
      case RATE_LIMITED:
        outcomes.retried();
        message.failed(reply);
        pacing.pause(reply.retryAfter().plus(Pacing.MARGIN));
        LOG.log(reply.global() ? INFO : DEBUG, "Discord {0} rate limit: waiting {1} (call {2})",
            reply.global() ? "global" : "webhook", Outcomes.human(reply.retryAfter()),
            message.call());
        break;
      case CLOUDFLARE:
        outcomes.retried();
        message.failed(reply);
        Duration pause = max(reply.retryAfter(), settings.cloudflarePause());
        pacing.pause(pause);
        LOG.log(WARNING, "Discord answered {0} without its rate-limit JSON (Cloudflare?): "
            + "pausing all posts for {1}", reply.describe(), Outcomes.human(pause));
        break;
      case RETRY:
        outcomes.retried();
        int failures = message.failed(reply);
        Duration backoff = pacing.backoff(failures);
        pacing.pause(backoff);
        LOG.log(failures == 1 ? WARNING : DEBUG, "Discord post for call {0} failed: {1}; "
            + "retry {2} in {3}", message.call(), reply.describe(), failures,
            Outcomes.human(backoff));
        break;
      case REJECTED:
        outcomes.gaveUp(message.items(), "Discord rejected the message: " + reply.describe());
        complete();
        break;
      case DEAD:
        if (dead.compareAndSet(false, true)) {
          LOG.log(ERROR, "Discord webhook answered {0}: it was deleted or its token is wrong. "
              + "The Discord sink stops; everything queued and later is dropped and counted.",
              reply.describe());
        }
        dropEverything();
        break;
      default:
        throw new IllegalStateException("unknown reply kind " + reply.kind());
    }
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
    outbox.finished();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
