package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallControl;
import dev.sipbridge.core.realtime.ClientEvents;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolResult;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The tools the bridge itself offers: {@code end_call}, {@code transfer_call} (cold, SIP REFER) and
 * {@code transfer_to_human} (warm, voice route), and the keypad shortcut to a transfer.
 */
final class BuiltInTools {
  private static final System.Logger LOG = System.getLogger(BuiltInTools.class.getName());
  static final String END_CALL = "end_call";
  static final String TRANSFER_CALL = "transfer_call";
  static final String TRANSFER_TO_HUMAN = "transfer_to_human";

  private final TransferSettings settings;
  private final CallControl control;
  private final Optional<WarmTransfer> warm;
  private final CallActions actions;
  private final Executor workers;
  private final TransferEvents transfers;

  BuiltInTools(
      TransferSettings settings,
      CallControl control,
      Optional<WarmTransfer> warm,
      CallActions actions,
      Executor workers,
      TransferEvents transfers) {
    this.settings = settings;
    this.control = control;
    this.warm = warm;
    this.actions = actions;
    this.workers = workers;
    this.transfers = transfers;
  }

  List<Tool> tools() {
    List<Tool> tools = new ArrayList<>();
    tools.add(
        Tool.withoutParameters(
            END_CALL,
            "Hang up the phone call. Use it only when the conversation is over; say a short goodbye"
                + " first.",
            call ->
                ToolResult.okThen(
                    "{\"status\":\"ending\",\"message\":\"Say a brief goodbye; the call ends after it.\"}",
                    () -> actions.hangUp(call.call().id(), EndReason.AGENT_HUNG_UP))));
    settings
        .coldTransferTarget()
        .ifPresent(
            target ->
                tools.add(
                    Tool.withoutParameters(
                        TRANSFER_CALL,
                        "Transfer the caller to the front desk by phone. Tell the caller you are transferring"
                            + " them before you call this; you leave the call when it happens.",
                        call ->
                            ToolResult.okThen(
                                "{\"status\":\"transferring\",\"message\":\"Tell the caller they are being"
                                    + " transferred now.\"}",
                                () -> workers.execute(() -> refer(call.call().id(), target))))));
    if (warm.isPresent() && settings.humanAgentNumber().isPresent()) {
      tools.add(
          Tool.withoutParameters(
              TRANSFER_TO_HUMAN,
              "Bring a human agent into this call (warm transfer). Keep talking with the caller while"
                  + " the human is being connected; you leave once they join.",
              call -> {
                try {
                  return warm.get().transferToHuman(call.call());
                } catch (AdapterException e) {
                  // Adapter messages carry no secrets and tell the model what went wrong.
                  return ToolResult.failed("the transfer could not be started: " + e.getMessage());
                }
              }));
    }
    return tools;
  }

  /** Whether a tool is offered on this call (a warm transfer needs the voice route). */
  boolean offered(Tool tool, IncomingCall call) {
    return !TRANSFER_TO_HUMAN.equals(tool.name()) || warm.map(w -> w.available(call)).orElse(false);
  }

  /** The caller pressed a key: the transfer digit starts a transfer without asking the model. */
  void keyPressed(IncomingCall call, String key) {
    if (settings.dtmfTransferDigit().filter(key::equals).isEmpty()) {
      return;
    }
    LOG.log(Level.INFO, "call_id={0} transfer key {1} pressed", call.id(), key);
    transferNow(call, "The caller pressed " + key + " to reach a person");
  }

  /**
   * Starts a transfer without asking the model: to the human on the voice route when this call can
   * have one, else to the cold target. Returns at once; the work runs on a worker.
   *
   * @param why how the model is told the transfer came about, e.g. "The caller pressed 0 to reach a
   *     person"
   * @return {@code warm} or {@code cold}, or empty when no transfer is possible for this call
   */
  Optional<String> transferNow(IncomingCall call, String why) {
    if (warm.isPresent() && warm.get().available(call)) {
      workers.execute(
          () -> {
            ToolResult result;
            try {
              result = warm.get().transferToHuman(call);
            } catch (AdapterException e) {
              result = ToolResult.failed(e.getMessage());
            }
            actions.tellModel(
                call.id(),
                ClientEvents.systemNote(
                    !(result instanceof ToolResult.Failed)
                        ? why
                            + ". A human agent is being called"
                            + " now; tell the caller briefly and keep them company until the human joins."
                        : why
                            + ", but the transfer failed. Say"
                            + " so briefly and offer to keep helping."));
          });
      return Optional.of("warm");
    } else if (settings.coldTransferTarget().isPresent()) {
      workers.execute(() -> refer(call.id(), settings.coldTransferTarget().get()));
      return Optional.of("cold");
    }
    return Optional.empty();
  }

  private void refer(CallId id, String target) {
    try {
      control.refer(id, target);
      actions.endingBecause(id, EndReason.TRANSFERRED);
      transfers.told(id, TransferEvents.COLD, target, new TransferOutcome.Requested());
      LOG.log(Level.INFO, "call_id={0} transferred (REFER)", id);
    } catch (AdapterException e) {
      LOG.log(Level.WARNING, "call_id={0} transfer failed: {1}", id, e.getMessage());
      transfers.told(id, TransferEvents.COLD, target, new TransferOutcome.Failed());
      actions.tellModel(
          id,
          ClientEvents.systemNote(
              "The transfer to the front desk failed."
                  + " Apologise to the caller and offer to keep helping."));
    }
  }
}
