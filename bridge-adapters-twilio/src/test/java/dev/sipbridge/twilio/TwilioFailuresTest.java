package dev.sipbridge.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Sip;
import dev.sipbridge.core.port.AdapterException;
import org.junit.jupiter.api.Test;

class TwilioFailuresTest {
  final TwilioFailures failures = new TwilioFailures("tok-123");

  @Test
  void scrub_masksNumbersAndRemovesToken() {
    String text = "The 'To' number +15559870000 (or 4155550123) failed with tok-123";

    assertThat(failures.scrub(text))
        .isEqualTo("The 'To' number +1555***0000 (or 415***0123) failed with ***");
  }

  @Test
  void scrub_leavesSidsAndErrorCodesAlone() {
    String text = "Twilio error 21211 on CA0123456789abcdef0123456789abcdef";

    assertThat(failures.scrub(text)).isEqualTo(text);
  }

  @Test
  void apiExceptionWithoutAnyStatus_nonRetryable() {
    AdapterException e =
        failures.translate("add participant", new ApiException("bad parameter"), 0, "");

    assertThat(e.status()).isZero();
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("bad parameter");
  }

  @Test
  void connectionFailureAfterAnAnswer_nonRetryable() {
    // The server answered 201 but the body could not be read: the leg may exist already.
    AdapterException e =
        failures.translate("add participant", new ApiConnectionException("read failed"), 201, "");

    assertThat(e.status()).isEqualTo(201);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void endpoint_sipUriBecomesSipElsePhoneNumber() {
    assertThat(TwilioCallTransfer.endpoint("sip:proj_x@sip.api.openai.com;transport=tls"))
        .isInstanceOf(Sip.class);
    assertThat(TwilioCallTransfer.endpoint("SIP:agent@pbx.example.com")).isInstanceOf(Sip.class);
    assertThat(TwilioCallTransfer.endpoint("+15559870000")).isInstanceOf(PhoneNumber.class);
  }
}
