package dev.sipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedTwilioTest {
  private static final String SID = "AC" + "1".repeat(32);
  private static final String TOKEN = "auth-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final SimulatedTwilio twilio = SimulatedTwilio.start(SID, TOKEN);

  @AfterEach
  void stop() {
    twilio.close();
  }

  @Test
  void participant_answers201WithTheNewLegAndIsRecorded() throws Exception {
    HttpResponse<String> response =
        post(
            SID,
            TOKEN,
            "From=%2B15551230000&To=sip%3Aproj%40sip.api.openai.com&Label=virtual+agent"
                + "&CallToken=%257B%2522x%2522%257D");

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = SimJson.parseObject(response.body()).orElseThrow();
    assertThat(body.path("call_sid").asText()).matches("CA[0-9a-f]{32}");
    assertThat(body.path("account_sid").asText()).isEqualTo(SID);
    assertThat(body.path("label").asText()).isEqualTo("virtual agent");
    assertThat(body.path("status").asText()).isEqualTo("queued");
    SimulatedTwilio.Participant recorded = twilio.participant("virtual agent").orElseThrow();
    assertThat(recorded.conference()).isEqualTo("CA42");
    assertThat(recorded.field("From")).contains("+15551230000");
    assertThat(recorded.field("To")).contains("sip:proj@sip.api.openai.com");
    assertThat(recorded.field("CallToken")).contains("%7B%22x%22%7D"); // decoded once only
    assertThat(recorded.status()).isEqualTo(201);
  }

  @Test
  void wrongCredentials_answer401WithTwiliosErrorBody() throws Exception {
    HttpResponse<String> response = post(SID, "wrong", "From=%2B1555&To=%2B1666");

    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode body = SimJson.parseObject(response.body()).orElseThrow();
    assertThat(body.path("code").asInt()).isEqualTo(20003);
    assertThat(body.path("status").asInt()).isEqualTo(401);
    assertThat(body.path("more_info").asText()).endsWith("/20003");
  }

  @Test
  void missingTo_answers400() throws Exception {
    HttpResponse<String> response = post(SID, TOKEN, "From=%2B15551230000");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SimJson.parseObject(response.body()).orElseThrow().path("message").asText())
        .contains("'To'");
  }

  @Test
  void failWhen_failsOnlyMatchingRequestsAsOftenAsAsked() throws Exception {
    twilio.failWhen(p -> p.field("Label").orElse("").equals("human agent"), 503, 1);

    int agent = post(SID, TOKEN, "From=%2B1555&To=%2B1666&Label=virtual+agent").statusCode();
    int human = post(SID, TOKEN, "From=%2B1555&To=%2B1777&Label=human+agent").statusCode();
    int again = post(SID, TOKEN, "From=%2B1555&To=%2B1777&Label=human+agent").statusCode();

    assertThat(agent).isEqualTo(201);
    assertThat(human).isEqualTo(503);
    assertThat(again).isEqualTo(201);
    assertThat(twilio.participants())
        .extracting(SimulatedTwilio.Participant::status)
        .containsExactly(201, 503, 201);
  }

  private HttpResponse<String> post(String sid, String token, String form)
      throws IOException, InterruptedException {
    URI uri =
        URI.create(
            twilio.baseUrl()
                + "/2010-04-01/Accounts/"
                + sid
                + "/Conferences/CA42/Participants.json");
    String basic =
        Base64.getEncoder().encodeToString((sid + ":" + token).getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
