package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import java.util.Optional;

/** What built-in tools and the voice route may do to a live call; none of it blocks. */
interface CallActions {
  void hangUp(CallId id, EndReason reason);

  /** Adds a conversation item and lets the model respond to it. */
  void tellModel(CallId id, String conversationItemCreateJson);

  void endingBecause(CallId id, EndReason reason);

  /** The live OpenAI call that sits in a voice-route conference. */
  Optional<CallId> callInConference(String conference);

  /** Late-bound: tools are built before the lifecycle that runs them exists. */
  final class Late implements CallActions {
    private volatile CallActions target;

    void bind(CallActions target) {
      this.target = target;
    }

    @Override
    public void hangUp(CallId id, EndReason reason) {
      target.hangUp(id, reason);
    }

    @Override
    public void tellModel(CallId id, String json) {
      target.tellModel(id, json);
    }

    @Override
    public void endingBecause(CallId id, EndReason reason) {
      target.endingBecause(id, reason);
    }

    @Override
    public Optional<CallId> callInConference(String conference) {
      return target.callInConference(conference);
    }
  }
}
