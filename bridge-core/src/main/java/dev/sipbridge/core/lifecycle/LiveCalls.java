package dev.sipbridge.core.lifecycle;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of the calls accepted and not yet ended, and what may be done to them by id. Built
 * first and shared: the lifecycle adds and removes sessions, the built-in tools, the voice route
 * and the operator act on them, so none of those needs the lifecycle. Thread-safe.
 */
final class LiveCalls implements CallActions {
  private final Map<CallId, CallSession> sessions = new ConcurrentHashMap<>();

  void add(CallSession session) {
    sessions.put(session.call().id(), session);
  }

  void remove(CallId id) {
    sessions.remove(id);
  }

  Optional<CallSession> find(CallId id) {
    return Optional.ofNullable(sessions.get(id));
  }

  List<CallSession> all() {
    return List.copyOf(sessions.values());
  }

  @Override
  public void hangUp(CallId id, EndReason reason) {
    find(id).ifPresent(s -> s.hangUp(reason));
  }

  @Override
  public void tellModel(CallId id, String conversationItemCreateJson) {
    find(id).ifPresent(s -> s.tellModel(conversationItemCreateJson));
  }

  @Override
  public void endingBecause(CallId id, EndReason reason) {
    find(id).ifPresent(s -> s.endingBecause(reason));
  }

  @Override
  public Optional<CallId> callInConference(String conference) {
    for (CallSession s : sessions.values()) {
      if (s.call().incoming().parties().conferenceName().filter(conference::equals).isPresent()) {
        return Optional.of(s.call().id());
      }
    }
    return Optional.empty();
  }
}
