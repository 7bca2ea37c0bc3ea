package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipbridge.testkit.ScriptStep.AgentTurn;
import dev.sipbridge.testkit.ScriptStep.CallerTurn;
import dev.sipbridge.testkit.ScriptStep.End;
import dev.sipbridge.testkit.ScriptStep.Ending;
import dev.sipbridge.testkit.ScriptStep.KeyPress;
import dev.sipbridge.testkit.ScriptStep.Pause;
import dev.sipbridge.testkit.ScriptStep.ToolCall;
import dev.sipbridge.testkit.ScriptStep.Transcription;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plays one call's script on the shared scheduler: expands one step at a time into events, paces
 * them, and waits (without a thread) for the bridge where the script says so. All methods are
 * synchronized on the player; it calls into its {@link SimulatedCall} but never the reverse while
 * holding the call's lock.
 */
final class ScriptPlayer {
  /** What the player does next. */
  private sealed interface Action {}

  /** {@code line}: the transcript line this event completes, or null. */
  private record Emit(String json, String line) implements Action {}

  private record Sleep(Duration duration) implements Action {}

  private record Await(String what, String toolCallId) implements Action {}

  private record Close() implements Action {}

  private record Finish() implements Action {}

  private static final String GREETING = "the greeting response.create";
  private static final String TOOL_OUTPUT = "function_call_output and response.create";
  private static final String HANGUP = "the hangup request";

  private final SimulatedCall call;
  private final ConversationScript script;
  private final ScheduledExecutorService scheduler;
  private final TurnEvents events;
  private final ResponseEvents responses;
  private final Deque<Action> queue = new ArrayDeque<>();
  private final List<Emit> lateTranscription = new ArrayList<>();
  private final Map<String, Long> outputAt = new HashMap<>();
  private int nextStep;
  private Await waiting;
  private ScheduledFuture<?> timer;
  private boolean scheduled;
  private boolean done;
  private long frames;
  private long responseCreates;
  private long lastResponseCreateAt = -1;

  ScriptPlayer(
      SimulatedCall call,
      ConversationScript script,
      ScheduledExecutorService scheduler,
      String idPrefix) {
    this.call = call;
    this.script = script;
    this.scheduler = scheduler;
    ConversationState state = new ConversationState(idPrefix);
    this.events = new TurnEvents(state);
    this.responses = new ResponseEvents(state);
  }

  /** Starts playing, or resumes after a re-attach. Returns at once. */
  synchronized void wake() {
    if (!done && !scheduled) {
      scheduled = true;
      submit(this::run, Duration.ZERO);
    }
  }

  /** Stops for good (the call ended). */
  synchronized void stop() {
    done = true;
    cancelTimer();
  }

  /** The platform ended the call after the bridge's {@code /hangup}; stops for good. */
  synchronized void onHangup() {
    if (waiting != null && waiting.what().equals(HANGUP)) {
      call.markScriptFinished();
    }
    stop();
  }

  /** A frame the bridge sent: may answer it and may open the gate the script waits at. */
  synchronized void onFrame(String frame) {
    JsonNode event = SimJson.parseObject(frame).orElse(null);
    if (event == null || done) {
      return;
    }
    frames++;
    String type = event.path("type").asText("");
    if (type.equals("response.create")) {
      responseCreates++;
      lastResponseCreateAt = frames;
    } else if (type.equals("conversation.item.create")) {
      JsonNode item = event.path("item");
      if (item.path("type").asText("").equals("function_call_output")) {
        String callId = item.path("call_id").asText("");
        outputAt.put(callId, frames);
        call.recordToolOutput(callId, item.path("output").asText(""));
      }
      String previous =
          event.path("previous_item_id").isTextual()
              ? event.get("previous_item_id").asText()
              : null;
      events.itemCreated(item, previous).forEach(call::emit);
    } else if (type.equals("session.update")) {
      call.emit(events.sessionUpdated(event.path("session")));
    }
    if (waiting != null && satisfied(waiting)) {
      waiting = null;
      cancelTimer();
      wake();
    }
  }

  private synchronized void run() {
    scheduled = false;
    while (!done && waiting == null && call.isOpen()) {
      Action action = queue.poll();
      if (action == null) {
        if (!expandNextStep()) {
          done = true;
        }
      } else if (action instanceof Emit) {
        call.emit(((Emit) action).json(), ((Emit) action).line());
        if (!script.eventDelay().isZero()) {
          schedule(script.eventDelay());
          return;
        }
      } else if (action instanceof Sleep) {
        schedule(((Sleep) action).duration());
        return;
      } else if (action instanceof Await) {
        Await await = (Await) action;
        if (!satisfied(await)) {
          waiting = await;
          timer = submit(() -> timeout(await), script.bridgeTimeout());
        }
      } else if (action instanceof Close) {
        done = true;
        call.markScriptFinished();
        call.closeNormally();
      } else {
        done = true;
        call.markScriptFinished();
      }
    }
  }

  private boolean expandNextStep() {
    if (nextStep >= script.steps().size()) {
      return false;
    }
    ScriptStep step = script.steps().get(nextStep++);
    if (step instanceof CallerTurn) {
      flushLate();
      CallerTurn turn = (CallerTurn) step;
      TurnEvents.CallerEvents caller = events.caller(turn);
      emitAll(caller.item());
      List<Emit> transcription =
          completing(
              caller.transcription(),
              ConversationScript.lineOf(turn),
              caller.transcription().size() - 1);
      if (turn.transcription() == Transcription.LATE) {
        lateTranscription.addAll(transcription);
      } else {
        queue.addAll(transcription);
      }
    } else if (step instanceof AgentTurn) {
      if (((AgentTurn) step).greeting() && script.awaitGreeting()) {
        queue.add(new Await(GREETING, null));
      }
      List<String> answer = responses.agent((AgentTurn) step);
      queue.addAll(
          completing(
              answer,
              ConversationScript.lineOf(step),
              indexOf(answer, "\"type\":\"output_audio_buffer.stopped\"")));
      flushLate();
    } else if (step instanceof KeyPress) {
      flushLate();
      queue.add(new Emit(events.dtmf(((KeyPress) step).key()), ConversationScript.lineOf(step)));
    } else if (step instanceof ToolCall) {
      ResponseEvents.ToolEvents tool = responses.toolCall((ToolCall) step);
      call.recordToolCall(tool.callId());
      emitAll(tool.events());
      queue.add(new Await(TOOL_OUTPUT, tool.callId()));
    } else if (step instanceof Pause) {
      queue.add(new Sleep(((Pause) step).duration()));
    } else {
      flushLate();
      Ending ending = ((End) step).ending();
      if (ending == Ending.AWAIT_BRIDGE_HANGUP) {
        queue.add(new Await(HANGUP, null));
      }
      queue.add(ending == Ending.CALLER_HANGS_UP ? new Close() : new Finish());
    }
    return true;
  }

  private boolean satisfied(Await await) {
    if (await.what().equals(GREETING)) {
      return responseCreates > 0;
    }
    if (await.what().equals(TOOL_OUTPUT)) {
      Long at = outputAt.get(await.toolCallId());
      return at != null && lastResponseCreateAt > at;
    }
    return call.hangupRequested();
  }

  private synchronized void timeout(Await await) {
    if (waiting != await || done) {
      return;
    }
    String what =
        await.toolCallId() == null ? await.what() : await.what() + " for " + await.toolCallId();
    done = true;
    waiting = null;
    call.failByBridge("the bridge did not send " + what + " within " + script.bridgeTimeout());
    call.closeNormally();
  }

  private void emitAll(List<String> json) {
    json.forEach(j -> queue.add(new Emit(j, null)));
  }

  /** The events as actions; the one at {@code completes} is marked as completing {@code line}. */
  private static List<Emit> completing(List<String> json, String line, int completes) {
    List<Emit> out = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      out.add(new Emit(json.get(i), i == completes ? line : null));
    }
    return out;
  }

  private static int indexOf(List<String> json, String fragment) {
    for (int i = 0; i < json.size(); i++) {
      if (json.get(i).contains(fragment)) {
        return i;
      }
    }
    return -1;
  }

  private void flushLate() {
    queue.addAll(lateTranscription);
    lateTranscription.clear();
  }

  private void schedule(Duration delay) {
    scheduled = true;
    submit(this::run, delay);
  }

  /** Runs {@code task} on the shared scheduler; once the simulator closed, stops instead. */
  private ScheduledFuture<?> submit(Runnable task, Duration delay) {
    try {
      return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      done = true;
      return null;
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
