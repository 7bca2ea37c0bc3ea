package dev.sipbridge.core.bench;

import dev.sipbridge.core.sip.CallParties;
import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** SIP header parsing: {@link CallParties#from} on the headers of a forwarded Twilio call. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CallPartiesBenchmark {
  private final SipHeaders plain =
      SipHeaders.of(
          List.of(
              new SipHeader("From", "\"Jane Doe\" <sip:+14155550123@pstn.twilio.com>;tag=8c2f1a"),
              new SipHeader("To", "<sip:+18005550100@sip.api.openai.com>"),
              new SipHeader("Call-ID", "03782086-4ce9-44bf-8b0d-4e303d2cc590@0.0.0.0")));
  private final SipHeaders forwarded =
      SipHeaders.of(
          List.of(
              new SipHeader("Via", "SIP/2.0/TLS 54.172.60.0:5061;branch=z9hG4bK8a1f"),
              new SipHeader("From", "\"Jane Doe\" <sip:+14155550123@sip.twilio.com>;tag=8a1f"),
              new SipHeader("To", "<sip:proj_abc123@sip.api.openai.com>"),
              new SipHeader("Call-ID", "03782086-4ce9-44bf-8b0d-4e303d2cc590"),
              new SipHeader(
                  "Diversion",
                  "<sip:+18005550199@sip.twilio.com>;reason=no-answer;counter=1;privacy=off"),
              new SipHeader("History-Info", "<sip:+18005550199@sip.twilio.com>;index=1"),
              new SipHeader(
                  "History-Info",
                  "<sip:+18005550100@sip.twilio.com?Reason=SIP%3Bcause%3D302>;index=1.1;mp=1"),
              new SipHeader("P-Asserted-Identity", "<sip:+14155550123@sip.twilio.com>"),
              new SipHeader("X-Twilio-CallSid", "CA0123456789abcdef0123456789abcdef"),
              new SipHeader("X-conferenceName", "CA0123456789abcdef")));

  @Benchmark
  public CallParties plainCall() {
    return CallParties.from(plain);
  }

  @Benchmark
  public CallParties forwardedCall() {
    return CallParties.from(forwarded);
  }
}
