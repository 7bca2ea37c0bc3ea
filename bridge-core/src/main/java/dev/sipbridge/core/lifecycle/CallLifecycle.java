package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.Call;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.CallRegistry;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.AcceptRequest;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.tool.Tool;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * The bridge's entry point for calls: takes each verified incoming call through accept, its socket
 * and its end. Thread-safe.
 */
public final class CallLifecycle {
  private static final System.Logger LOG = System.getLogger(CallLifecycle.class.getName());
  private static final int BUSY_HERE = 486;
  private static final long FIRST_RETRY_MS = 100;

  private final CallServices services;
  private final CallRegistry registry;
  private final BiPredicate<Tool, IncomingCall> offered;
  private final Optional<WarmTransfer> warmTransfer;
  private final RecentIds answeredWebhooks = new RecentIds(100_000);
  private final LiveCalls live;
  private final OperatorActions operator;
  private volatile boolean accepting = true;

  /** Signalled whenever a call is forgotten: a draining shutdown waits on it. */
  private final Object callGone = new Object();

  CallLifecycle(
      CallServices services,
      CallRegistry registry,
      LiveCalls live,
      BuiltInTools builtIns,
      Optional<WarmTransfer> warmTransfer) {
    this.services = services;
    this.registry = registry;
    this.live = live;
    this.offered = builtIns::offered;
    this.warmTransfer = warmTransfer;
    this.operator = new OperatorActions(live::find, services, builtIns);
  }

  /** What an operator may do to live calls (the API and the console). */
  public OperatorActions operator() {
    return operator;
  }

  /** The Twilio voice route, when it is configured. */
  public Optional<WarmTransfer> warmTransfer() {
    return warmTransfer;
  }

  private AcceptRequest acceptRequestFor(IncomingCall call) {
    List<Tool> tools = new java.util.ArrayList<>();
    for (Tool t : services.tools().all()) {
      if (offered.test(t, call)) {
        tools.add(t);
      }
    }
    return new AcceptRequest(services.settings().profile(), tools);
  }

  /** Starts building a lifecycle. */
  public static CallLifecycleBuilder builder() {
    return new CallLifecycleBuilder();
  }

  /**
   * Handles one verified {@code realtime.call.incoming}: accepts the call (retrying failures within
   * the accept budget) and starts its session. Returns at once; the stage completes when the
   * webhook can be answered.
   */
  public CompletionStage<AcceptOutcome> onIncomingCall(String webhookId, IncomingCall incoming) {
    if (!accepting) {
      return CompletableFuture.completedFuture(AcceptOutcome.NOT_READY);
    }
    if (answeredWebhooks.contains(webhookId)) {
      return CompletableFuture.completedFuture(AcceptOutcome.DUPLICATE);
    }
    Call call = new Call(incoming);
    switch (registry.register(call)) {
      case DUPLICATE:
        return CompletableFuture.completedFuture(AcceptOutcome.DUPLICATE);
      case FULL:
        return rejectBusy(webhookId, incoming.id());
      default:
        break;
    }
    LOG.log(
        Level.INFO,
        "call_id={0} incoming from {1} to {2}",
        incoming.id(),
        incoming.parties().caller().masked(),
        incoming.parties().called().masked());
    services.events().onEvent(new CallEvent.Started(incoming, services.clock().instant()));
    CompletableFuture<AcceptOutcome> outcome = new CompletableFuture<>();
    Instant deadline = services.clock().instant().plus(services.settings().acceptBudget());
    services.workers().execute(() -> attemptAccept(call, deadline, 1, outcome));
    return outcome.thenApply(
        o -> {
          if (o != AcceptOutcome.FAILED) {
            answeredWebhooks.add(webhookId);
          }
          return o;
        });
  }

  private void attemptAccept(
      Call call, Instant deadline, int attempt, CompletableFuture<AcceptOutcome> outcome) {
    try {
      services.control().accept(call.id(), acceptRequestFor(call.incoming()));
    } catch (AdapterException e) {
      if (e.notFound()) {
        LOG.log(Level.INFO, "call_id={0} was gone before accept (404)", call.id());
        forget(call, EndReason.CALL_GONE);
        outcome.complete(AcceptOutcome.CALL_GONE);
        return;
      }
      long delay = FIRST_RETRY_MS << Math.min(attempt - 1, 5);
      boolean inBudget = services.clock().instant().plusMillis(delay).isBefore(deadline);
      if (e.retryable() && inBudget) {
        LOG.log(
            Level.WARNING,
            "call_id={0} accept attempt {1} failed, retrying: {2}",
            call.id(),
            attempt,
            e.getMessage());
        services
            .scheduler()
            .schedule(
                () ->
                    services
                        .workers()
                        .execute(() -> attemptAccept(call, deadline, attempt + 1, outcome)),
                delay,
                TimeUnit.MILLISECONDS);
        return;
      }
      LOG.log(
          Level.ERROR,
          "call_id={0} accept failed after {1} attempt(s): {2}",
          call.id(),
          attempt,
          e.getMessage());
      forget(call, EndReason.ACCEPT_FAILED);
      outcome.complete(AcceptOutcome.FAILED);
      return;
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "call_id={0} accept failed: {1}", call.id(), e.toString());
      forget(call, EndReason.ACCEPT_FAILED);
      outcome.complete(AcceptOutcome.FAILED);
      return;
    }
    call.accepted();
    services.events().onEvent(new CallEvent.Accepted(call.id(), services.clock().instant()));
    services
        .observer()
        .accepted(Duration.between(call.incoming().receivedAt(), services.clock().instant()));
    LOG.log(Level.INFO, "call_id={0} accepted", call.id());
    CallSession session = new CallSession(call, services, () -> forget(call, null));
    live.add(session);
    outcome.complete(AcceptOutcome.ACCEPTED);
    session.start();
  }

  private CompletionStage<AcceptOutcome> rejectBusy(String webhookId, CallId id) {
    LOG.log(Level.WARNING, "call_id={0} rejected busy: {1} calls live", id, registry.size());
    services.observer().callEnded(EndReason.REJECTED_BUSY, Duration.ZERO);
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            services.control().reject(id, BUSY_HERE);
          } catch (AdapterException e) {
            LOG.log(Level.WARNING, "call_id={0} busy reject failed: {1}", id, e.getMessage());
          }
          answeredWebhooks.add(webhookId);
          return AcceptOutcome.REJECTED_BUSY;
        },
        services.workers());
  }

  private void forget(Call call, EndReason reasonIfNotEnded) {
    if (reasonIfNotEnded != null && call.end(reasonIfNotEnded)) {
      services.observer().callEnded(reasonIfNotEnded, Duration.ZERO);
      services
          .events()
          .onEvent(
              new CallEvent.Ended(
                  call.id(), services.clock().instant(), reasonIfNotEnded, List.of()));
    }
    live.remove(call.id());
    registry.remove(call.id());
    if (!accepting) {
      synchronized (callGone) {
        callGone.notifyAll();
      }
    }
  }

  /** Ends a live call from our side, e.g. for {@code end_call}; never blocks. */
  public void hangUp(CallId id, EndReason reason) {
    live.hangUp(id, reason);
  }

  /** Adds a conversation item to a live call and lets the model answer it. */
  public void tellModel(CallId id, String conversationItemCreateJson) {
    live.tellModel(id, conversationItemCreateJson);
  }

  /** Records why a call will end when its socket closes (e.g. it was transferred). */
  public void endingBecause(CallId id, EndReason reason) {
    live.endingBecause(id, reason);
  }

  /** Calls being handled now (incoming, accepted or live). */
  public int activeCalls() {
    return registry.size();
  }

  /** Whether new calls are taken. */
  public boolean isAccepting() {
    return accepting;
  }

  /**
   * Stops taking calls, lets live ones go on for up to {@code drain}, ends the rest, and flushes
   * the sinks within {@code flush}. Blocks; for shutdown.
   */
  public void shutdown(Duration drain, Duration flush) {
    accepting = false;
    int draining = registry.size();
    // with no call to drain or cut and the sinks flushed, these lines would say nothing (the
    // warm-up's throwaway bridge stops this way alongside the service's start)
    LOG.log(
        draining > 0 ? Level.INFO : Level.DEBUG,
        "draining {0} call(s) for up to {1} s",
        draining,
        drain.toSeconds());
    awaitDrained(drain);
    List<CallSession> left = live.all();
    left.forEach(s -> s.end(EndReason.SHUTDOWN));
    boolean flushed = services.sink().flush(flush);
    LOG.log(
        draining > 0 || !flushed ? Level.INFO : Level.DEBUG,
        "shutdown: {0} call(s) cut, sinks {1}",
        left.size(),
        flushed ? "flushed" : "NOT fully flushed");
  }

  /** Waits until no call is left, or {@code drain} has passed on the bridge's clock. */
  private void awaitDrained(Duration drain) {
    synchronized (callGone) {
      Deadline.after(services.clock(), drain).await(callGone, () -> registry.size() == 0);
    }
  }
}
