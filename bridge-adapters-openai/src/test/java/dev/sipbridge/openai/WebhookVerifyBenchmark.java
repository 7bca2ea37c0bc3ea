package dev.sipbridge.openai;

import dev.sipbridge.core.port.WebhookVerifier.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Webhook verification: {@link OpenAiWebhookVerifier#verify} of a correctly signed {@code
 * realtime.call.incoming} with a forwarded call's SIP headers (signature, timestamp, parse).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebhookVerifyBenchmark {
  private static final String BODY =
      "{\"object\":\"event\",\"id\":\"evt_685343a1381c819085d44c354e1b330e\","
          + "\"type\":\"realtime.call.incoming\",\"created_at\":%d,\"data\":{"
          + "\"call_id\":\"rtc_479a275623b54bdb9b6fbae2f7cbd408\",\"sip_media_security\":\"srtp\","
          + "\"sip_headers\":["
          + "{\"name\":\"From\","
          + "\"value\":\"\\\"Jane Doe\\\" <sip:+14155550123@sip.twilio.com>;tag=8a1f\"},"
          + "{\"name\":\"To\",\"value\":\"<sip:+18005550100@sip.twilio.com>\"},"
          + "{\"name\":\"Diversion\",\"value\":\"<sip:+18005550199@sip.twilio.com>;reason=no-answer\"},"
          + "{\"name\":\"X-Twilio-CallSid\",\"value\":\"CA0123456789abcdef0123456789abcdef\"},"
          + "{\"name\":\"Call-ID\",\"value\":\"03782086-4ce9-44bf-8b0d-4e303d2cc590\"}]}}";

  private OpenAiWebhookVerifier verifier;
  private byte[] body;
  private Map<String, String> headers;

  @Setup
  public void sign() {
    long now = Clock.systemUTC().instant().getEpochSecond();
    body = String.format(BODY, now).getBytes(StandardCharsets.UTF_8);
    headers = WebhookSigner.headers(WebhookSigner.SECRET, "wh_bench", now, body);
    verifier = new OpenAiWebhookVerifier(OpenAiSettings.of("sk-bench", WebhookSigner.SECRET));
  }

  @Benchmark
  public WebhookEvent verify() {
    return verifier.verify(body, headers);
  }
}
