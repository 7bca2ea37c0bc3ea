package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import java.util.Optional;

/**
 * What built-in tools and the voice route may do to a live call ({@link LiveCalls}); none of it
 * blocks.
 */
interface CallActions {
  void hangUp(CallId id, EndReason reason);

  /** Adds a conversation item and lets the model respond to it. */
  void tellModel(CallId id, String conversationItemCreateJson);

  void endingBecause(CallId id, EndReason reason);

  /** The live OpenAI call that sits in a voice-route conference. */
  Optional<CallId> callInConference(String conference);
}
