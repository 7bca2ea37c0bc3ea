package dev.sipbridge.core.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs actions (hang up, transfer) once the agent has finished speaking the response that answers
 * their tool call: when that response's audio stopped, or a grace period after it was done. The
 * wait is bounded, because the model may never answer: when no response starts within {@code
 * startWait} of the bridge's {@code response.create}, or a started one is not done within {@code
 * limit}, the actions run anyway. Guarded by its own lock; actions run on the scheduler, never on
 * the caller's thread.
 */
final class AfterResponseActions {
  private static final System.Logger LOG = System.getLogger(AfterResponseActions.class.getName());

  /** How long the answering response may take to start. */
  static final Duration START_WAIT = Duration.ofSeconds(2);

  /** How long a started answering response may take to be done. */
  static final Duration LIMIT = Duration.ofSeconds(20);

  private final ScheduledExecutorService scheduler;
  private final Duration grace;
  private final Duration startWait;
  private final Duration limit;
  private final List<Runnable> waitingForRequest = new ArrayList<>();
  private List<Runnable> armed = new ArrayList<>();
  private boolean awaitingResponse;
  private String responseId;
  private ScheduledFuture<?> graceTimer;
  private ScheduledFuture<?> boundTimer;

  AfterResponseActions(
      ScheduledExecutorService scheduler, Duration grace, Duration startWait, Duration limit) {
    this.scheduler = scheduler;
    this.grace = grace;
    this.startWait = startWait;
    this.limit = limit;
  }

  synchronized void add(Runnable action) {
    waitingForRequest.add(action);
  }

  /** A response.create went out: the next response is the one that speaks the answer. */
  synchronized void responseRequested() {
    if (!waitingForRequest.isEmpty()) {
      armed.addAll(waitingForRequest);
      waitingForRequest.clear();
      awaitingResponse = true;
    }
    if (awaitingResponse) {
      bound(startWait); // also when asking again after a refusal
    }
  }

  /** The response.create was refused (a response was already active): it will be sent again. */
  synchronized void requestRefused() {
    if (awaitingResponse && boundTimer != null) {
      boundTimer.cancel(false);
      boundTimer = null;
    }
  }

  synchronized void responseCreated(String id) {
    if (awaitingResponse && responseId == null) {
      responseId = id;
      awaitingResponse = false;
      bound(limit);
    }
  }

  synchronized void responseDone(String id) {
    if (id.equals(responseId) && graceTimer == null && !armed.isEmpty()) {
      graceTimer = scheduler.schedule(this::runArmed, grace.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  synchronized void audioStopped(String id) {
    if (id.equals(responseId)) {
      runArmed();
    }
  }

  synchronized void cancel() {
    armed = new ArrayList<>();
    waitingForRequest.clear();
    cancelTimers();
  }

  /** From now on, the armed actions run after {@code wait} at the latest. */
  private void bound(Duration wait) {
    if (boundTimer != null) {
      boundTimer.cancel(false);
    }
    boundTimer = scheduler.schedule(this::boundReached, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void boundReached() {
    if (!armed.isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          "no finished answer from the model {0}; acting anyway",
          responseId == null
              ? "started within " + startWait.toMillis() + " ms"
              : "within " + limit.toSeconds() + " s");
      awaitingResponse = false;
      runArmed();
    }
  }

  private void cancelTimers() {
    if (graceTimer != null) {
      graceTimer.cancel(false);
      graceTimer = null;
    }
    if (boundTimer != null) {
      boundTimer.cancel(false);
      boundTimer = null;
    }
  }

  private synchronized void runArmed() {
    List<Runnable> toRun = armed;
    armed = new ArrayList<>();
    responseId = null;
    cancelTimers();
    // Off the caller's thread: this may be the socket's event thread.
    for (Runnable r : toRun) {
      scheduler.execute(() -> runQuietly(r));
    }
  }

  private static void runQuietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "after-response action failed: {0}", e.toString());
    }
  }
}
