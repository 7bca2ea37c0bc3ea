package dev.sipbridge.core.lifecycle;

import java.util.Optional;

/**
 * How a transfer went. {@link #label()} is what the call's record stores and the console shows
 * ({@code CallEvent.Transfer#outcome}).
 */
sealed interface TransferOutcome {
  String label();

  /** The REFER was accepted, or the human is being dialled into the conference. */
  record Requested() implements TransferOutcome {
    @Override
    public String label() {
      return "requested";
    }
  }

  /** The human joined the caller's conference; the agent leaves. */
  record Joined() implements TransferOutcome {
    @Override
    public String label() {
      return "joined";
    }
  }

  /** The human's phone was busy. */
  record Busy() implements TransferOutcome {
    @Override
    public String label() {
      return "busy";
    }
  }

  /** The human did not answer. */
  record NoAnswer() implements TransferOutcome {
    @Override
    public String label() {
      return "no-answer";
    }
  }

  /** The human's leg was cancelled before it was answered. */
  record Canceled() implements TransferOutcome {
    @Override
    public String label() {
      return "canceled";
    }
  }

  /** The transfer could not be made (REFER or dial refused, the human's leg failed). */
  record Failed() implements TransferOutcome {
    @Override
    public String label() {
      return "failed";
    }
  }

  /**
   * The outcome of a human's leg that left the conference before joining, from Twilio's {@code
   * CallStatus}; empty when the status does not say the human was not reached.
   */
  static Optional<TransferOutcome> humanNotReached(String callStatus) {
    if (callStatus == null) {
      return Optional.empty();
    }
    switch (callStatus) {
      case "busy":
        return Optional.of(new Busy());
      case "no-answer":
        return Optional.of(new NoAnswer());
      case "canceled":
        return Optional.of(new Canceled());
      case "failed":
        return Optional.of(new Failed());
      default:
        return Optional.empty();
    }
  }
}
