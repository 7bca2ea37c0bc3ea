package dev.sipbridge.core.fake;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.AcceptRequest;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallControl;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Records every request and answers with success, or with the failures it was told to answer first
 * ({@link #failNext}). Thread-safe.
 */
public final class FakeCallControl implements CallControl {
  /** One request the fake received. */
  public record Request(String operation, CallId callId, Object detail) {}

  private final List<Request> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Deque<Integer> failures = new ConcurrentLinkedDeque<>();

  /** The next request answers with HTTP {@code status} (0 = no answer, a timeout). */
  public FakeCallControl failNext(int status) {
    failures.add(status);
    return this;
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /**
   * The requests of one operation: {@code accept}, {@code reject}, {@code refer}, {@code hangup}.
   */
  public List<Request> requests(String operation) {
    List<Request> out = new ArrayList<>();
    for (Request r : requests) {
      if (r.operation().equals(operation)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public void accept(CallId callId, AcceptRequest request) {
    record("accept", callId, request);
  }

  @Override
  public void reject(CallId callId, int sipStatusCode) {
    record("reject", callId, sipStatusCode);
  }

  @Override
  public void refer(CallId callId, String targetUri) {
    record("refer", callId, targetUri);
  }

  @Override
  public void hangUp(CallId callId) {
    record("hangup", callId, null);
  }

  private void record(String operation, CallId callId, Object detail) {
    requests.add(new Request(operation, callId, detail));
    Integer status = failures.poll();
    if (status != null) {
      boolean retryable = status == 0 || status >= 500 || status == 429;
      throw new AdapterException("fake", operation, status, retryable, "told to fail", null);
    }
  }
}
