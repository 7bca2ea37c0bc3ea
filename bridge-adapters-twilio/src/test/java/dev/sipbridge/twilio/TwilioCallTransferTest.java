package dev.sipbridge.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.ConferenceParticipant;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioCallTransferTest {
  static final String SID = "AC00000000000000000000000000000000";
  static final String TOKEN = "s3cr3t-auth-token-9f8e7d";
  static final String CONFERENCE = "CA0123456789abcdef0123456789abcdef";
  static final String PATH =
      "/2010-04-01/Accounts/" + SID + "/Conferences/" + CONFERENCE + "/Participants.json";
  static final String CALLER = "+15551230000";
  static final String HUMAN = "+15559870000";
  // As received after one form-decode: still percent-encoded JSON, plus + = & to stress encoding.
  static final String CALL_TOKEN = "%7B%22parentCallInfoToken%22%3A%22eyJ+a=b&c%22%7D";
  static final String CREATED =
      "{\"call_sid\":\"CA11111111111111111111111111111111\",\"conference_sid\":"
          + "\"CF00000000000000000000000000000000\",\"label\":\"human agent\","
          + "\"status\":\"queued\",\"queue_time\":\"0\"}";

  WireMockServer wireMock;

  @BeforeEach
  void start() {
    wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wireMock.start();
  }

  @AfterEach
  void stop() {
    wireMock.stop();
  }

  TwilioCallTransfer transfer(Duration timeout) {
    URI base = URI.create("http://127.0.0.1:" + wireMock.port());
    return new TwilioCallTransfer(new TwilioSettings(SID, TOKEN, base, timeout));
  }

  TwilioCallTransfer transfer() {
    return transfer(Duration.ofSeconds(5));
  }

  static ConferenceParticipant human() {
    return new ConferenceParticipant(
        CONFERENCE, CALLER, HUMAN, Optional.of(CALL_TOKEN), "human agent");
  }

  void answer(ResponseDefinitionBuilder response) {
    wireMock.stubFor(post(urlPathEqualTo(PATH)).willReturn(response));
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static String twilioError(int code, int status, String message) {
    return "{\"code\":"
        + code
        + ",\"message\":\""
        + message
        + "\",\"more_info\":"
        + "\"https://www.twilio.com/docs/errors/"
        + code
        + "\",\"status\":"
        + status
        + "}";
  }

  AdapterException failure(ConferenceParticipant participant) {
    AdapterException e =
        catchThrowableOfType(AdapterException.class, () -> transfer().addParticipant(participant));
    assertThat(e).as("an AdapterException").isNotNull();
    assertNoSecrets(e);
    return e;
  }

  static void assertNoSecrets(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN, CALLER, HUMAN, CALL_TOKEN);
    }
  }

  @Test
  void created_sendsExactRequestAndReturnsCallSid() {
    answer(json(201, CREATED));

    String callSid = transfer().addParticipant(human());

    assertThat(callSid).isEqualTo("CA11111111111111111111111111111111");
    wireMock.verify(
        1,
        postRequestedFor(urlPathEqualTo(PATH))
            .withBasicAuth(new BasicCredentials(SID, TOKEN))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withFormParam("From", equalTo(CALLER))
            .withFormParam("To", equalTo(HUMAN))
            .withFormParam("CallToken", equalTo(CALL_TOKEN))
            .withFormParam("Label", equalTo("human agent"))
            .withFormParam("EarlyMedia", equalTo("false")));
    assertThat(wireMock.getAllServeEvents()).hasSize(1);
  }

  @Test
  void sipTarget_sentIntactWithHeadersPart() {
    answer(json(201, CREATED));
    String sipTo = "sip:proj_x@sip.api.openai.com;transport=tls?X-conferenceName=CA123";

    transfer()
        .addParticipant(
            new ConferenceParticipant(
                CONFERENCE, CALLER, sipTo, Optional.of(CALL_TOKEN), "virtual agent"));

    wireMock.verify(
        1,
        postRequestedFor(urlPathEqualTo(PATH))
            .withFormParam("To", equalTo(sipTo))
            .withFormParam("From", equalTo(CALLER))
            .withFormParam("Label", equalTo("virtual agent"))
            .withFormParam("EarlyMedia", equalTo("false")));
  }

  @Test
  void noCallToken_fieldOmitted() {
    answer(json(201, CREATED));

    transfer()
        .addParticipant(
            new ConferenceParticipant(CONFERENCE, CALLER, HUMAN, Optional.empty(), "human agent"));

    wireMock.verify(1, postRequestedFor(urlPathEqualTo(PATH)).withoutFormParam("CallToken"));
  }

  @Test
  void badRequestWithTwilioError_nonRetryableWithCodeAndMaskedNumber() {
    answer(
        json(
            400,
            twilioError(21211, 400, "The 'To' number " + HUMAN + " is not a valid phone number.")));

    AdapterException e = failure(human());

    assertThat(e.vendor()).isEqualTo("twilio");
    assertThat(e.operation()).isEqualTo("add participant");
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("21211", "is not a valid phone number", "+1555***0000");
  }

  @Test
  void unauthorized_nonRetryableAndTokenAbsent() {
    answer(json(401, twilioError(20003, 401, "Authenticate")));

    AdapterException e = failure(human());

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("20003");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void tooManyRequests_retryable() {
    answer(json(429, twilioError(20429, 429, "Too Many Requests")));

    AdapterException e = failure(human());

    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("20429");
  }

  @Test
  void serverErrorWithJson_statusKeptAndPostSentOnce() {
    answer(json(500, twilioError(20500, 500, "Internal Server Error")));

    AdapterException e = failure(human());

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("20500");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void badGatewayWithEmptyBody_statusKeptAndPostSentOnce() {
    answer(aResponse().withStatus(502));

    AdapterException e = failure(human());

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.retryable()).isTrue();
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void badGatewayWithHtml_statusKeptAndPostSentOnce() {
    answer(
        aResponse()
            .withStatus(502)
            .withHeader("Content-Type", "text/html")
            .withBody("<html><body>502 Bad Gateway</body></html>"));

    AdapterException e = failure(human());

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("without an error code");
    wireMock.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void createdWithoutCallSid_nonRetryable() {
    answer(json(201, "{\"status\":\"queued\"}"));

    AdapterException e = failure(human());

    assertThat(e.status()).isEqualTo(201);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void createdWithGarbage_nonRetryable() {
    answer(aResponse().withStatus(201).withBody("not json"));

    AdapterException e = failure(human());

    assertThat(e.status()).isEqualTo(201);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void slowAnswer_timesOutAsRetryableWithoutStatus() {
    answer(json(201, CREATED).withFixedDelay(1_500));

    AdapterException e =
        catchThrowableOfType(
            AdapterException.class, () -> transfer(Duration.ofMillis(200)).addParticipant(human()));

    assertThat(e).isNotNull();
    assertNoSecrets(e);
    assertThat(e.status()).isZero();
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("did not answer");
  }

  @Test
  void connectionRefused_retryableWithoutStatus() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI base = URI.create("http://127.0.0.1:" + closedPort);
    TwilioCallTransfer transfer =
        new TwilioCallTransfer(new TwilioSettings(SID, TOKEN, base, Duration.ofSeconds(2)));

    AdapterException e =
        catchThrowableOfType(AdapterException.class, () -> transfer.addParticipant(human()));

    assertThat(e).isNotNull();
    assertNoSecrets(e);
    assertThat(e.status()).isZero();
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("could not reach Twilio");
  }

  @Test
  void baseUrlWithPath_prefixesTwilioPath() {
    wireMock.stubFor(post(urlPathEqualTo("/fake-twilio" + PATH)).willReturn(json(201, CREATED)));
    URI base = URI.create("http://127.0.0.1:" + wireMock.port() + "/fake-twilio/");

    String sid =
        new TwilioCallTransfer(new TwilioSettings(SID, TOKEN, base, Duration.ofSeconds(5)))
            .addParticipant(human());

    assertThat(sid).startsWith("CA");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo("/fake-twilio" + PATH)));
  }
}
