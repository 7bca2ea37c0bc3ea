package dev.sipbridge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sipbridge.core.call.AgentProfile;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.AcceptRequest;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallControl;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link CallControl} promises, run against the fake and the real adapter: each request
 * succeeds against a healthy peer and reaches it once; a 404 is an {@link AdapterException} that
 * says {@link AdapterException#notFound()}; a 5xx is a retryable one and is not retried by the
 * adapter; other 4xx are not retryable; one failure leaves the adapter working.
 */
public abstract class CallControlContract {
  /** The operations as the hooks name them. */
  protected static final String ACCEPT = "accept";

  protected static final String REJECT = "reject";
  protected static final String REFER = "refer";
  protected static final String HANGUP = "hangup";

  private static final AcceptRequest REQUEST =
      new AcceptRequest(
          new AgentProfile(
              "gpt-realtime",
              "marin",
              "You are the phone agent.",
              Optional.empty(),
              Optional.of("gpt-4o-transcribe"),
              Optional.empty()),
          List.of());

  /** The subject, talking to a healthy peer. */
  protected CallControl control;

  /** A new control under test whose peer is healthy. */
  protected abstract CallControl newControl();

  /** The peer answers the next request of {@code operation} with HTTP {@code status}. */
  protected abstract void peerAnswersNext(String operation, int status);

  /** The requests the peer received, as {@code "<operation> <call id>"}, in arrival order. */
  protected abstract List<String> peerReceived();

  @BeforeEach
  void createControl() {
    control = newControl();
  }

  @Test
  void accept_healthyPeer_succeedsAndReachesThePeerOnce() {
    control.accept(new CallId("rtc_c_accept"), REQUEST);

    assertThat(peerReceived()).containsExactly("accept rtc_c_accept");
  }

  @Test
  void reject_healthyPeer_succeedsAndReachesThePeerOnce() {
    control.reject(new CallId("rtc_c_reject"), 486);

    assertThat(peerReceived()).containsExactly("reject rtc_c_reject");
  }

  @Test
  void refer_healthyPeer_succeedsAndReachesThePeerOnce() {
    control.refer(new CallId("rtc_c_refer"), "tel:+14155550123");

    assertThat(peerReceived()).containsExactly("refer rtc_c_refer");
  }

  @Test
  void hangUp_healthyPeer_succeedsAndReachesThePeerOnce() {
    control.hangUp(new CallId("rtc_c_hangup"));

    assertThat(peerReceived()).containsExactly("hangup rtc_c_hangup");
  }

  @ParameterizedTest
  @ValueSource(strings = {ACCEPT, REJECT, REFER, HANGUP})
  void callGone_404_isNotFoundAndNotRetryable(String operation) {
    peerAnswersNext(operation, 404);

    AdapterException e = failure(operation, new CallId("rtc_c_gone"));

    assertThat(e.notFound()).isTrue();
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.retryable()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {ACCEPT, REJECT, REFER, HANGUP})
  void serverError_5xx_isRetryableAndNotRetriedByTheAdapter(String operation) {
    peerAnswersNext(operation, 503);

    AdapterException e = failure(operation, new CallId("rtc_c_busy"));

    assertThat(e.retryable()).isTrue();
    assertThat(e.notFound()).isFalse();
    assertThat(e.status()).isEqualTo(503);
    assertThat(peerReceived()).containsExactly(operation + " rtc_c_busy");
  }

  @Test
  void badRequest_400_isNotRetryable() {
    peerAnswersNext(ACCEPT, 400);

    AdapterException e = failure(ACCEPT, new CallId("rtc_c_bad"));

    assertThat(e.retryable()).isFalse();
    assertThat(e.notFound()).isFalse();
  }

  @Test
  void afterAFailure_theNextRequestSucceeds() {
    peerAnswersNext(ACCEPT, 500);
    failure(ACCEPT, new CallId("rtc_c_first"));

    control.accept(new CallId("rtc_c_second"), REQUEST);

    assertThat(peerReceived()).containsExactly("accept rtc_c_first", "accept rtc_c_second");
  }

  private AdapterException failure(String operation, CallId call) {
    AdapterException e = catchThrowableOfType(AdapterException.class, () -> run(operation, call));
    assertThat(e).as("%s answered with an error throws AdapterException", operation).isNotNull();
    return e;
  }

  private void run(String operation, CallId call) {
    switch (operation) {
      case ACCEPT -> control.accept(call, REQUEST);
      case REJECT -> control.reject(call, 603);
      case REFER -> control.refer(call, "sip:agent@example.com");
      case HANGUP -> control.hangUp(call);
      default -> throw new IllegalArgumentException("unknown operation: " + operation);
    }
  }
}
