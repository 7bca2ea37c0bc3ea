package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallTransfer;
import dev.sipbridge.core.port.ConferenceParticipant;
import dev.sipbridge.core.realtime.ClientEvents;
import dev.sipbridge.core.sip.PhoneNumber;
import dev.sipbridge.core.tool.ToolResult;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Twilio voice route: the caller waits in a conference named by their {@code CallSid}, the
 * bridge dials OpenAI into it, and a warm transfer dials a human into the same conference; when the
 * human joins, the AI leg leaves.
 */
public final class WarmTransfer {
  private static final System.Logger LOG = System.getLogger(WarmTransfer.class.getName());
  static final String AGENT_LABEL = "virtual agent";

  private final CallTransfer twilio;
  private final ConferenceDirectory directory;
  private final String openAiProjectId;
  private final String conferenceEventsUrl;
  private final TransferSettings settings;
  private final CallActions actions;
  private final TransferEvents transfers;

  /** Conferences whose human was dialled and has not joined yet. */
  private final Set<String> humanRinging = ConcurrentHashMap.newKeySet();

  WarmTransfer(
      CallTransfer twilio,
      ConferenceDirectory directory,
      String openAiProjectId,
      String conferenceEventsUrl,
      TransferSettings settings,
      CallActions actions,
      TransferEvents transfers) {
    this.twilio = twilio;
    this.directory = directory;
    this.openAiProjectId = openAiProjectId;
    this.conferenceEventsUrl = conferenceEventsUrl;
    this.settings = settings;
    this.actions = actions;
    this.transfers = transfers;
  }

  /**
   * Twilio's voice webhook: remembers the caller and dials the OpenAI leg into the conference.
   * Blocks on Twilio.
   *
   * @return whether the agent was dialled (answer with the conference TwiML; else apologise)
   */
  public boolean callArrived(String callSid, String from, String callToken) {
    directory.remember(callSid, callToken, from);
    String sipUri =
        "sip:" + openAiProjectId + "@sip.api.openai.com;transport=tls?X-conferenceName=" + callSid;
    try {
      twilio.addParticipant(
          new ConferenceParticipant(
              callSid,
              from,
              sipUri,
              Optional.ofNullable(callToken).filter(t -> !t.isEmpty()),
              AGENT_LABEL,
              Optional.of(conferenceEventsUrl)));
      LOG.log(
          Level.INFO,
          "conference {0}: caller {1} waiting, agent dialled",
          callSid,
          PhoneNumber.mask(from));
      return true;
    } catch (AdapterException e) {
      LOG.log(
          Level.ERROR, "conference {0}: dialling the agent failed: {1}", callSid, e.getMessage());
      directory.forget(callSid);
      return false;
    }
  }

  /** A conference status callback (join/leave of a participant). Never blocks on I/O. */
  public void conferenceEvent(String event, String conference, String label, String callStatus) {
    if (!settings.humanLabel().equals(label)) {
      return;
    }
    Optional<CallId> agentCall = actions.callInConference(conference);
    if ("participant-join".equals(event)) {
      humanRinging.remove(conference);
      LOG.log(Level.INFO, "conference {0}: human joined; the agent leaves", conference);
      // hangUp records TRANSFERRED itself; marking the call as ending first would make it a no-op.
      agentCall.ifPresent(
          id -> transfers.told(id, TransferEvents.WARM, human(), new TransferOutcome.Joined()));
      agentCall.ifPresent(id -> actions.hangUp(id, EndReason.TRANSFERRED));
      directory.forget(conference);
    } else if ("participant-leave".equals(event)) {
      boolean wasRinging = humanRinging.remove(conference);
      Optional<TransferOutcome> notReached = TransferOutcome.humanNotReached(callStatus);
      if (!wasRinging || notReached.isEmpty()) {
        return;
      }
      LOG.log(Level.WARNING, "conference {0}: human not reached ({1})", conference, callStatus);
      agentCall.ifPresent(id -> transfers.told(id, TransferEvents.WARM, human(), notReached.get()));
      agentCall.ifPresent(
          id ->
              actions.tellModel(
                  id,
                  ClientEvents.systemNote(
                      "The transfer to a human agent failed: the agent's phone reported '"
                          + callStatus
                          + "'. Tell the caller that nobody could be reached right now, and offer to keep"
                          + " helping or to take a message.")));
    }
  }

  /** The {@code transfer_to_human} tool: dials the human into the caller's conference. */
  ToolResult transferToHuman(IncomingCall call) {
    Optional<String> conference = call.parties().conferenceName();
    if (conference.isEmpty()) {
      return ToolResult.failed(
          "this call did not come in through the voice route, so a human"
              + " cannot be added to it");
    }
    Optional<ConferenceDirectory.Entry> entry = directory.find(conference.get());
    if (entry.isEmpty() || settings.humanAgentNumber().isEmpty()) {
      return ToolResult.failed(
          "the caller's conference is no longer known; a transfer is not" + " possible");
    }
    if (humanRinging.contains(conference.get())) {
      // A second request (the key pressed twice, the model asking again) must not ring twice.
      return ToolResult.ok(
          "{\"status\":\"calling_human\",\"message\":\"A human agent is"
              + " already being called. Keep the caller company until they join.\"}");
    }
    ConferenceParticipant human =
        new ConferenceParticipant(
            conference.get(),
            entry.get().caller(),
            settings.humanAgentNumber().get(),
            Optional.ofNullable(entry.get().callToken()).filter(t -> !t.isEmpty()),
            settings.humanLabel(),
            Optional.of(conferenceEventsUrl));
    try {
      twilio.addParticipant(human);
    } catch (AdapterException e) {
      transfers.told(call.id(), TransferEvents.WARM, human(), new TransferOutcome.Failed());
      throw e;
    }
    transfers.told(call.id(), TransferEvents.WARM, human(), new TransferOutcome.Requested());
    humanRinging.add(conference.get());
    LOG.log(
        Level.INFO,
        "call_id={0} dialling a human into conference {1}",
        call.id(),
        conference.get());
    return ToolResult.ok(
        "{\"status\":\"calling_human\",\"message\":\"A human agent is being"
            + " called and will join this call. Keep the caller company until then and do not end"
            + " the call.\"}");
  }

  private String human() {
    return settings.humanAgentNumber().orElse("");
  }

  /** Whether this call can be handed to a human. */
  boolean available(IncomingCall call) {
    return settings.humanAgentNumber().isPresent() && call.parties().conferenceName().isPresent();
  }
}
