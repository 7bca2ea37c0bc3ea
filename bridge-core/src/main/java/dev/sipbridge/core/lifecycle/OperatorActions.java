package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.realtime.ClientEvents;
import dev.sipbridge.core.store.CallEvent;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an operator may do to a live call (the API and the console): hang it up, transfer it, or
 * give the agent a one-off instruction. Each action is told to the call's event listeners as a
 * {@link CallEvent.OperatorAction}, so it is recorded with the call. None of them blocks; all are
 * thread-safe.
 */
public final class OperatorActions {
  private static final System.Logger LOG = System.getLogger(OperatorActions.class.getName());

  /** Longest instruction {@link #say} takes; an operator's note, not a new prompt. */
  public static final int MAX_INSTRUCTION_CHARS = 2000;

  /** How an operator's transfer request went. */
  public enum TransferOutcome {
    /** No live call with this id. */
    NOT_LIVE,
    /** Neither {@code TRANSFER_TARGET} nor a human on the voice route for this call. */
    NO_TARGET,
    /** A human is being dialled into the call's conference. */
    WARM_STARTED,
    /** A SIP REFER to {@code TRANSFER_TARGET} is being sent. */
    COLD_STARTED
  }

  private final Function<CallId, Optional<CallSession>> sessions;
  private final CallServices services;
  private final BuiltInTools builtIns;

  OperatorActions(
      Function<CallId, Optional<CallSession>> sessions,
      CallServices services,
      BuiltInTools builtIns) {
    this.sessions = sessions;
    this.services = services;
    this.builtIns = builtIns;
  }

  /**
   * Ends the call ({@link EndReason#OPERATOR_HUNG_UP}).
   *
   * @return whether the call was live
   */
  public boolean hangUp(CallId id) {
    Optional<CallSession> session = live(id);
    if (session.isEmpty()) {
      return false;
    }
    LOG.log(Level.INFO, "call_id={0} operator hangs up", id);
    record(id, "hangup", "");
    session.get().hangUp(EndReason.OPERATOR_HUNG_UP);
    return true;
  }

  /**
   * Hands the caller to a human on the voice route when this call can have one, else to {@code
   * TRANSFER_TARGET}; the model is told so it can speak to the caller meanwhile.
   */
  public TransferOutcome transfer(CallId id) {
    Optional<CallSession> session = live(id);
    if (session.isEmpty()) {
      return TransferOutcome.NOT_LIVE;
    }
    Optional<String> kind =
        builtIns.transferNow(
            session.get().call().incoming(), "An operator is transferring the caller to a person");
    if (kind.isEmpty()) {
      return TransferOutcome.NO_TARGET;
    }
    LOG.log(Level.INFO, "call_id={0} operator transfers the call ({1})", id, kind.get());
    record(id, "transfer", kind.get());
    return kind.get().equals("warm") ? TransferOutcome.WARM_STARTED : TransferOutcome.COLD_STARTED;
  }

  /**
   * Adds {@code instruction} to the conversation as a system message and lets the model answer (the
   * same path as a tool's output).
   *
   * @return whether the call was live
   * @throws IllegalArgumentException when the instruction is blank or longer than {@link
   *     #MAX_INSTRUCTION_CHARS}
   */
  public boolean say(CallId id, String instruction) {
    String text = instruction == null ? "" : instruction.strip();
    if (text.isEmpty() || text.length() > MAX_INSTRUCTION_CHARS) {
      throw new IllegalArgumentException(
          "instruction must be 1.." + MAX_INSTRUCTION_CHARS + " characters, was " + text.length());
    }
    Optional<CallSession> session = live(id);
    if (session.isEmpty()) {
      return false;
    }
    LOG.log(Level.INFO, "call_id={0} operator instruction ({1} chars)", id, text.length());
    record(id, "say", text);
    session
        .get()
        .tellModel(
            ClientEvents.systemNote("Instruction from the operator, follow it" + " now: " + text));
    return true;
  }

  private Optional<CallSession> live(CallId id) {
    return sessions.apply(id).filter(s -> s.call().endReason().isEmpty());
  }

  private void record(CallId id, String action, String detail) {
    services
        .events()
        .onEvent(new CallEvent.OperatorAction(id, services.clock().instant(), action, detail));
  }
}
