package dev.sipbridge.testkit;

import dev.sipbridge.core.transcript.Speaker;
import dev.sipbridge.testkit.ScriptStep.AgentTurn;
import dev.sipbridge.testkit.ScriptStep.CallerTurn;
import dev.sipbridge.testkit.ScriptStep.End;
import dev.sipbridge.testkit.ScriptStep.Ending;
import dev.sipbridge.testkit.ScriptStep.KeyPress;
import dev.sipbridge.testkit.ScriptStep.Pause;
import dev.sipbridge.testkit.ScriptStep.ToolCall;
import dev.sipbridge.testkit.ScriptStep.Transcription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A scripted phone conversation that {@link SimulatedOpenAi} plays on a call's realtime socket as
 * GA server events. Immutable and reusable: every call plays its own copy.
 *
 * <p>Build one with {@link #builder()}, e.g. {@code builder().greeting("Thanks for
 * calling").caller("Hi").agent("Hello").callerHangsUp().build()}.
 */
public final class ConversationScript {
  static final Duration DEFAULT_EVENT_DELAY = Duration.ofMillis(1);
  static final Duration DEFAULT_BRIDGE_TIMEOUT = Duration.ofSeconds(5);

  private final List<ScriptStep> steps;
  private final Duration eventDelay;
  private final Duration bridgeTimeout;
  private final boolean awaitGreeting;

  private ConversationScript(
      List<ScriptStep> steps, Duration eventDelay, Duration bridgeTimeout, boolean awaitGreeting) {
    this.steps = List.copyOf(steps);
    this.eventDelay = eventDelay;
    this.bridgeTimeout = bridgeTimeout;
    this.awaitGreeting = awaitGreeting;
  }

  /** Starts an empty script: 1 ms between events, 5 s bridge timeout, greeting awaited. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A short, pleasant order-status call (7 lines, a late caller transcription, a {@code
   * lookup_order} tool call and a key press) paced at 10 ms per event. It awaits the bridge's
   * greeting {@code response.create}, so run the bridge with a {@code WELCOME_MESSAGE} (e.g. {@link
   * #greeting()}).
   */
  public static ConversationScript demo() {
    return SampleScripts.demo();
  }

  /**
   * A random but plausible call for load tests: a greeting played without waiting for the bridge,
   * then {@code turns} caller/agent exchanges with many deltas, some late caller transcriptions and
   * an occasional {@code lookup_order} tool call; the caller hangs up at the end.
   */
  public static ConversationScript realistic(Random rnd, int turns) {
    return SampleScripts.realistic(rnd, turns, null);
  }

  /**
   * Like {@link #realistic(Random, int)}, but every utterance ends with {@code " (ref <reference>.
   * <n>)"}, so that each line is unique across calls and a load test can tell where it came from.
   */
  public static ConversationScript realistic(Random rnd, int turns, String reference) {
    return SampleScripts.realistic(rnd, turns, reference);
  }

  /**
   * The transcript lines the bridge should produce, in conversation order: {@code Agent: ...},
   * {@code Caller: ...}, {@code Caller: (inaudible)} and {@code Caller pressed 5}. Blank utterances
   * and tool calls produce no line.
   */
  public List<String> expectedLines() {
    List<String> lines = new ArrayList<>();
    for (ScriptStep step : steps) {
      String line = lineOf(step);
      if (line != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** The transcript line {@code step} should produce, or null when it produces none. */
  static String lineOf(ScriptStep step) {
    if (step instanceof CallerTurn) {
      CallerTurn c = (CallerTurn) step;
      if (c.transcription() == Transcription.FAILED) {
        return Speaker.CALLER.label() + ": (inaudible)";
      }
      return c.text().isBlank() ? null : Speaker.CALLER.label() + ": " + c.text().strip();
    }
    if (step instanceof AgentTurn) {
      String text = ((AgentTurn) step).text();
      return text.isBlank() ? null : Speaker.AGENT.label() + ": " + text.strip();
    }
    if (step instanceof KeyPress) {
      return Speaker.CALLER.label() + " pressed " + ((KeyPress) step).key();
    }
    return null;
  }

  /** The agent's opening line, if the script has one. */
  public Optional<String> greeting() {
    return steps.stream()
        .filter(s -> s instanceof AgentTurn && ((AgentTurn) s).greeting())
        .map(s -> ((AgentTurn) s).text())
        .findFirst();
  }

  /** How many function calls the model makes in this script. */
  public int toolCallCount() {
    return (int) steps.stream().filter(s -> s instanceof ToolCall).count();
  }

  /** Pause between two consecutive server events. */
  public Duration eventDelay() {
    return eventDelay;
  }

  /** How long the script waits for the bridge (greeting, tool output, hangup). */
  public Duration bridgeTimeout() {
    return bridgeTimeout;
  }

  /** Whether the greeting is played only after the bridge's first {@code response.create}. */
  public boolean awaitGreeting() {
    return awaitGreeting;
  }

  /** The same script with another pause between events (e.g. zero for a benchmark). */
  public ConversationScript withEventDelay(Duration delay) {
    return new ConversationScript(steps, requireNonNegative(delay), bridgeTimeout, awaitGreeting);
  }

  /** The same script with another bridge timeout (e.g. longer for a heavily loaded benchmark). */
  public ConversationScript withBridgeTimeout(Duration timeout) {
    return new ConversationScript(steps, eventDelay, requireNonNegative(timeout), awaitGreeting);
  }

  List<ScriptStep> steps() {
    return steps;
  }

  private static Duration requireNonNegative(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was: " + d);
    }
    return d;
  }

  /** Collects steps in order. Not thread-safe; {@link #build()} may be called once or more. */
  public static final class Builder {
    private final List<ScriptStep> steps = new ArrayList<>();
    private Duration eventDelay = DEFAULT_EVENT_DELAY;
    private Duration bridgeTimeout = DEFAULT_BRIDGE_TIMEOUT;
    private boolean awaitGreeting = true;

    private Builder() {}

    /** Pause between two consecutive server events (default 1 ms; zero sends back to back). */
    public Builder eventDelay(Duration delay) {
      this.eventDelay = requireNonNegative(delay);
      return this;
    }

    /** How long to wait for the bridge before marking the call failed-by-bridge (default 5 s). */
    public Builder bridgeTimeout(Duration timeout) {
      this.bridgeTimeout = requireNonNegative(timeout);
      return this;
    }

    /** Whether the greeting waits for the bridge's first {@code response.create} (default true). */
    public Builder awaitGreeting(boolean await) {
      this.awaitGreeting = await;
      return this;
    }

    /** The agent's opening line; must be the first step. */
    public Builder greeting(String text) {
      if (!steps.isEmpty()) {
        throw new IllegalStateException("greeting must be the first step, steps so far: " + steps);
      }
      return add(new AgentTurn(text(text), 0, true));
    }

    /** The caller says {@code text}, transcribed word by word right after the turn. */
    public Builder caller(String text) {
      return add(new CallerTurn(text(text), 0, Transcription.ON_TIME));
    }

    /** The caller says {@code text} in {@code deltas} transcription deltas. */
    public Builder caller(String text, int deltas) {
      return add(new CallerTurn(text(text), deltas(deltas), Transcription.ON_TIME));
    }

    /** The caller says {@code text}, but its transcription arrives after the agent's answer. */
    public Builder callerLate(String text) {
      return add(new CallerTurn(text(text), 0, Transcription.LATE));
    }

    /** The caller says something whose transcription fails. */
    public Builder callerInaudible() {
      return add(new CallerTurn("", 0, Transcription.FAILED));
    }

    /** The agent answers with {@code text}, one transcript delta per word. */
    public Builder agent(String text) {
      return add(new AgentTurn(text(text), 0, false));
    }

    /** The agent answers with {@code text} in {@code deltas} transcript deltas. */
    public Builder agent(String text, int deltas) {
      return add(new AgentTurn(text(text), deltas(deltas), false));
    }

    /** The caller presses {@code key} (0-9, *, #, A-D). */
    public Builder dtmf(String key) {
      if (key == null || !key.matches("[0-9*#A-D]")) {
        throw new IllegalArgumentException("dtmf key must be one of 0-9 * # A-D, was: " + key);
      }
      return add(new KeyPress(key));
    }

    /** The model calls {@code name} with JSON {@code arguments}; waits for the bridge's output. */
    public Builder toolCall(String name, String arguments) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("tool name must not be blank, was: " + name);
      }
      return add(new ToolCall(name, arguments == null ? "{}" : arguments));
    }

    /** Nothing happens for {@code duration}. */
    public Builder pause(Duration duration) {
      return add(new Pause(requireNonNegative(duration)));
    }

    /** Ends the script: the caller hangs up (close 1000). The default ending. */
    public Builder callerHangsUp() {
      return add(new End(Ending.CALLER_HANGS_UP));
    }

    /** Ends the script by waiting for the bridge's {@code /hangup} (then the socket closes). */
    public Builder awaitBridgeHangup() {
      return add(new End(Ending.AWAIT_BRIDGE_HANGUP));
    }

    /** Ends the script and leaves the socket open. */
    public Builder stayOpen() {
      return add(new End(Ending.STAY_OPEN));
    }

    /** The script; without an explicit ending the caller hangs up after the last step. */
    public ConversationScript build() {
      List<ScriptStep> all = new ArrayList<>(steps);
      if (all.isEmpty() || !(all.get(all.size() - 1) instanceof End)) {
        all.add(new End(Ending.CALLER_HANGS_UP));
      }
      return new ConversationScript(all, eventDelay, bridgeTimeout, awaitGreeting);
    }

    private Builder add(ScriptStep step) {
      if (!steps.isEmpty() && steps.get(steps.size() - 1) instanceof End) {
        throw new IllegalStateException("no step may follow the ending, got: " + step);
      }
      steps.add(step);
      return this;
    }

    private static String text(String text) {
      return Objects.requireNonNull(text, "text");
    }

    private static int deltas(int deltas) {
      if (deltas < 1) {
        throw new IllegalArgumentException("deltas must be at least 1, was: " + deltas);
      }
      return deltas;
    }
  }
}
