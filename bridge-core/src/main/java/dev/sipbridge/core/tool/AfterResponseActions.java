package dev.sipbridge.core.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs actions (hang up) once the agent has finished speaking the response that answers their
 * tool call: when that response's audio stopped, or a grace period after it was done. Guarded by
 * its own lock; actions run on the scheduler, never on the caller's thread.
 */
final class AfterResponseActions {
  private static final System.Logger LOG = System.getLogger(AfterResponseActions.class.getName());

  private final ScheduledExecutorService scheduler;
  private final Duration grace;
  private final List<Runnable> waitingForRequest = new ArrayList<>();
  private List<Runnable> armed = new ArrayList<>();
  private boolean awaitingResponse;
  private String responseId;
  private ScheduledFuture<?> graceTimer;

  AfterResponseActions(ScheduledExecutorService scheduler, Duration grace) {
    this.scheduler = scheduler;
    this.grace = grace;
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
  }

  synchronized void responseCreated(String id) {
    if (awaitingResponse && responseId == null) {
      responseId = id;
      awaitingResponse = false;
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
    if (graceTimer != null) {
      graceTimer.cancel(false);
    }
  }

  private synchronized void runArmed() {
    List<Runnable> toRun = armed;
    armed = new ArrayList<>();
    responseId = null;
    if (graceTimer != null) {
      graceTimer.cancel(false);
      graceTimer = null;
    }
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
