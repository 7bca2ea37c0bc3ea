package dev.sipbridge.openai;

import com.openai.client.OpenAIClient;
import com.openai.models.realtime.calls.CallAcceptParams;
import com.openai.models.realtime.calls.CallReferParams;
import com.openai.models.realtime.calls.CallRejectParams;
import com.openai.services.blocking.realtime.CallService;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.AcceptRequest;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallControl;
import java.time.Clock;
import java.util.Objects;

/**
 * {@link CallControl} over OpenAI's Realtime Calls REST API ({@code POST
 * {baseUrl}/realtime/calls/{call_id}/accept|reject|refer|hangup}) through openai-java.
 *
 * <p>Every method blocks the calling thread for at most about the settings' request timeout, is
 * thread-safe, and throws {@link AdapterException} on any failure: status 404 ({@code notFound()})
 * when the call is gone; {@code retryable()} for 408, 429, 5xx, timeouts and network errors. The
 * SDK's own retries are off (core retries within its budget), so one call is one request. No
 * exception message carries the API key.
 */
public final class OpenAiCallControl implements CallControl, AutoCloseable {
  private final OpenAIClient client;
  private final String apiKey;

  /** Builds one SDK client (and its connection pool) for all calls. */
  public OpenAiCallControl(OpenAiSettings settings) {
    this(SdkClients.create(settings, Clock.systemUTC()), settings.apiKey());
  }

  OpenAiCallControl(OpenAIClient client, String apiKey) {
    this.client = Objects.requireNonNull(client, "client");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
  }

  @Override
  public void accept(CallId callId, AcceptRequest request) {
    Objects.requireNonNull(callId, "callId");
    CallAcceptParams params =
        CallAcceptParams.builder()
            .realtimeSessionCreateRequest(AcceptSession.of(Objects.requireNonNull(request)))
            .build();
    run("accept", () -> calls().accept(callId.value(), params));
  }

  @Override
  public void reject(CallId callId, int sipStatusCode) {
    Objects.requireNonNull(callId, "callId");
    if (sipStatusCode < 400 || sipStatusCode > 699) {
      throw new IllegalArgumentException(
          "SIP reject status must be 400..699, was: " + sipStatusCode);
    }
    CallRejectParams params = CallRejectParams.builder().statusCode(sipStatusCode).build();
    run("reject", () -> calls().reject(callId.value(), params));
  }

  @Override
  public void refer(CallId callId, String targetUri) {
    Objects.requireNonNull(callId, "callId");
    if (targetUri == null || targetUri.isBlank()) {
      throw new IllegalArgumentException("refer target must not be blank, was: " + targetUri);
    }
    CallReferParams params = CallReferParams.builder().targetUri(targetUri).build();
    run("refer", () -> calls().refer(callId.value(), params));
  }

  @Override
  public void hangUp(CallId callId) {
    Objects.requireNonNull(callId, "callId");
    run("hangup", () -> calls().hangup(callId.value()));
  }

  /** Releases the SDK client's connections and threads; called once at shutdown. */
  @Override
  public void close() {
    client.close();
  }

  private CallService calls() {
    return client.realtime().calls();
  }

  private void run(String operation, Runnable request) {
    try {
      request.run();
    } catch (RuntimeException e) {
      throw SdkErrors.translate(operation, e, apiKey);
    }
  }
}
