package dev.sipbridge.core.lifecycle;

import java.util.Optional;

/**
 * Which transfers the agent may make.
 *
 * @param humanAgentNumber set (with the voice route): {@code transfer_to_human} is offered
 * @param humanLabel the human's participant label in the conference
 * @param coldTransferTarget set: {@code transfer_call} (SIP REFER) is offered
 * @param dtmfTransferDigit the key that starts a transfer without asking the model
 */
public record TransferSettings(
    Optional<String> humanAgentNumber,
    String humanLabel,
    Optional<String> coldTransferTarget,
    Optional<String> dtmfTransferDigit) {

  /** No transfers at all. */
  public static TransferSettings none() {
    return new TransferSettings(
        Optional.empty(), "human agent", Optional.empty(), Optional.empty());
  }
}
