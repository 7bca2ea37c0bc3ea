package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.Call;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.realtime.ClientEvents;
import dev.sipbridge.core.realtime.ServerEvent;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.tool.FunctionCallProtocol;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptAssembler;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One live call: its socket (opened, re-attached when it drops), its transcript, its tools and its
 * end. Socket events are handled one at a time under this session's lock; nothing here blocks that
 * lock on I/O.
 */
final class CallSession implements SocketKeeper.Events {
  private static final System.Logger LOG = System.getLogger(CallSession.class.getName());

  /** How long after our hang-up request we wait for the platform to close the socket. */
  private static final Duration HANGUP_CLOSE_WAIT = Duration.ofSeconds(5);

  private final Call call;
  private final CallServices services;
  private final Runnable onEnded;
  private final TranscriptAssembler assembler;
  private final FunctionCallProtocol protocol;
  private final SocketKeeper socket;

  private Instant acceptedAt;
  private ScheduledFuture<?> tickTimer;
  private Instant tickAt;
  private ScheduledFuture<?> limitTimer;
  private EndReason pendingEndReason;
  private long inputTokens;
  private long outputTokens;
  private boolean ended;

  CallSession(Call call, CallServices services, Runnable onEnded) {
    this.call = call;
    this.services = services;
    this.onEnded = onEnded;
    this.assembler =
        new TranscriptAssembler(
            call.id(), services.clock(), services.settings().transcriptOrderWait(), this::emit);
    if (services.settings().profile().transcriptionModel().isEmpty()) {
      assembler.callerTranscriptionOff();
    }
    this.protocol =
        new FunctionCallProtocol(
            call.incoming(),
            services.tools(),
            services.workers(),
            services.scheduler(),
            services.settings().toolTimeout(),
            services.settings().goodbyeGrace(),
            this::send,
            toolReport());
    this.socket = new SocketKeeper(call.id(), services, this);
  }

  Call call() {
    return call;
  }

  /** The call was accepted: announce it, open its socket, and bound its length. */
  synchronized void start() {
    acceptedAt = services.clock().instant();
    services.sink().callStarted(call.incoming());
    long maxMs = services.settings().maxCallDuration().toMillis();
    limitTimer =
        services
            .scheduler()
            .schedule(() -> hangUp(EndReason.MAX_DURATION), maxMs, TimeUnit.MILLISECONDS);
    socket.open();
  }

  /** Sends one client event on the current socket; dropped when there is none. Thread-safe. */
  void send(String eventJson) {
    socket.send(eventJson);
  }

  /** The socket opened (first time or again). */
  @Override
  public synchronized void opened(boolean reattach) {
    if (ended) {
      socket.close();
      return;
    }
    Instant now = services.clock().instant();
    call.live(now);
    services.observer().socketOpened(Duration.between(acceptedAt, now), reattach);
    services.events().onEvent(new CallEvent.SocketOpened(call.id(), now, reattach));
    LOG.log(Level.INFO, "call_id={0} socket {1}", call.id(), reattach ? "re-attached" : "open");
    if (reattach) {
      protocol.socketReplaced();
    } else {
      services.settings().profile().welcomeMessage().ifPresent(m -> send(ClientEvents.greeting(m)));
    }
  }

  /** One text frame of the current socket. */
  @Override
  public void frame(String frame) {
    Optional<ServerEvent> parsed = ServerEvent.parse(frame);
    if (parsed.isEmpty()) {
      LOG.log(Level.WARNING, "call_id={0} skipped a frame that is not a JSON event", call.id());
      return;
    }
    ServerEvent event = parsed.get();
    synchronized (this) {
      if (ended) {
        return;
      }
      assembler.onEvent(event);
      protocol.onEvent(event);
      observe(event);
      scheduleTick();
    }
  }

  /** The current socket is gone for good (normal close, or re-attach gave up). */
  @Override
  public void closed(boolean normal) {
    EndReason reason;
    synchronized (this) {
      if (pendingEndReason != null) {
        reason = pendingEndReason;
      } else {
        reason = normal ? EndReason.CALLER_HUNG_UP : EndReason.SOCKET_FAILED;
      }
    }
    if (reason == EndReason.SOCKET_FAILED) {
      // The call may still be up at OpenAI with nobody listening: end it there too.
      services.workers().execute(this::hangUpQuietly);
    }
    end(reason);
  }

  /**
   * Ends the call from our side: asks OpenAI to hang up, then waits (briefly) for the socket to
   * close so the last transcript events still arrive. Never blocks the caller.
   */
  void hangUp(EndReason reason) {
    synchronized (this) {
      if (ended || pendingEndReason != null) {
        return;
      }
      pendingEndReason = reason;
    }
    LOG.log(Level.INFO, "call_id={0} hanging up: {1}", call.id(), reason);
    services
        .workers()
        .execute(
            () -> {
              hangUpQuietly();
              services
                  .scheduler()
                  .schedule(() -> end(reason), HANGUP_CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            });
  }

  /** Adds a conversation item and lets the model answer it when no response is active. */
  void tellModel(String conversationItemCreateJson) {
    protocol.tellModel(conversationItemCreateJson);
  }

  /** Remembers why the call will end when its socket closes (e.g. after a transfer). */
  synchronized void endingBecause(EndReason reason) {
    if (pendingEndReason == null) {
      pendingEndReason = reason;
    }
  }

  /** Ends the call now; the first reason wins. Thread-safe and idempotent. */
  void end(EndReason reason) {
    CallTranscript transcript;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      call.end(reason);
      cancel(tickTimer);
      cancel(limitTimer);
      protocol.close();
      assembler.finish();
      transcript =
          new CallTranscript(
              call.incoming(), assembler.transcript(), services.clock().instant(), reason);
    }
    socket.close();
    Instant from = acceptedAt != null ? acceptedAt : call.incoming().receivedAt();
    Duration duration = Duration.between(from, services.clock().instant());
    long in;
    long out;
    synchronized (this) {
      in = inputTokens;
      out = outputTokens;
    }
    LOG.log(
        Level.INFO,
        "call_id={0} ended: {1} after {2} s, {3} lines, {4}/{5} tokens in/out",
        call.id(),
        reason,
        duration.toSeconds(),
        transcript.lines().size(),
        in,
        out);
    try {
      services.sink().callEnded(transcript);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "call_id={0} sink failed at call end: {1}", call.id(), e.toString());
    }
    services.observer().callEnded(reason, duration);
    services.observer().callTokens(in, out);
    services
        .events()
        .onEvent(
            new CallEvent.Ended(
                call.id(),
                transcript.endedAt(),
                reason,
                transcript.lines().stream().map(TranscriptLine::sequence).toList()));
    onEnded.run();
  }

  private void hangUpQuietly() {
    try {
      services.control().hangUp(call.id());
    } catch (AdapterException e) {
      if (!e.notFound()) {
        LOG.log(Level.WARNING, "call_id={0} hang-up failed: {1}", call.id(), e.getMessage());
      }
    }
  }

  /** Each tool call goes to the call's record (and from there to the metrics). */
  private FunctionCallProtocol.Listener toolReport() {
    return (name, arguments, output, outcome, took) ->
        services
            .events()
            .onEvent(
                new CallEvent.ToolRun(
                    call.id(),
                    services.clock().instant(),
                    name,
                    arguments,
                    output,
                    outcome.label(),
                    took));
  }

  private void emit(TranscriptLine line) {
    services.events().onEvent(new CallEvent.Line(line));
    try {
      services.sink().publish(line);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "call_id={0} sink failed: {1}", call.id(), e.toString());
    }
  }

  private void observe(ServerEvent event) {
    if ("error".equals(event.type())) {
      String code = event.text("error", "code").orElse("unknown");
      services.observer().realtimeError(code);
      LOG.log(
          Level.WARNING,
          "call_id={0} realtime error {1}: {2}",
          call.id(),
          code,
          event.text("error", "message").orElse(""));
    } else if ("input_audio_buffer.dtmf_event_received".equals(event.type())) {
      event.text("event").ifPresent(key -> services.keypad().accept(call.incoming(), key));
    } else if ("response.done".equals(event.type())) {
      inputTokens += event.number("response", "usage", "input_tokens").orElse(0L);
      outputTokens += event.number("response", "usage", "output_tokens").orElse(0L);
      long inText =
          event.number("response", "usage", "input_token_details", "text_tokens").orElse(0L);
      long inAudio =
          event.number("response", "usage", "input_token_details", "audio_tokens").orElse(0L);
      long outText =
          event.number("response", "usage", "output_token_details", "text_tokens").orElse(0L);
      long outAudio =
          event.number("response", "usage", "output_token_details", "audio_tokens").orElse(0L);
      services
          .events()
          .onEvent(
              new CallEvent.Usage(
                  call.id(), services.clock().instant(), inText, inAudio, outText, outAudio));
    }
  }

  private void scheduleTick() {
    Optional<Instant> deadline = assembler.nextDeadline();
    if (deadline.isEmpty() && tickTimer != null) {
      // e.g. an agent line's audio stopped: its playback deadline must not wake the timer later
      cancel(tickTimer);
      tickTimer = null;
      tickAt = null;
    }
    if (deadline.isEmpty() || deadline.get().equals(tickAt)) {
      return;
    }
    cancel(tickTimer);
    tickAt = deadline.get();
    long delayMs = Math.max(0, Duration.between(services.clock().instant(), tickAt).toMillis());
    tickTimer = services.scheduler().schedule(this::tick, delayMs + 1, TimeUnit.MILLISECONDS);
  }

  private synchronized void tick() {
    tickAt = null;
    if (!ended) {
      assembler.tick();
      scheduleTick();
    }
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
