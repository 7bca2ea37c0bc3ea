package dev.sipbridge.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.transcript.Speaker;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api} (SPEC §5): 401 without the token, 400 for bad input, 404 for no call, paging. */
class ApiRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
  private static final Map<String, String> WRONG = Map.of("Authorization", "Bearer nope-nope-nope");

  private final OperatorServer server = new OperatorServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyApiPath_withoutOrWithAWrongToken_is401() throws Exception {
    finishedCall("rtc_a", 0, "hello", EndReason.CALLER_HUNG_UP);
    for (String path :
        List.of("/api/calls", "/api/calls/rtc_a", "/api/calls/rtc_a/transcript", "/api/events")) {
      assertThat(server.get(path, Map.of()).statusCode()).as(path).isEqualTo(401);
      assertThat(server.get(path, WRONG).statusCode()).as(path).isEqualTo(401);
      assertThat(
              server
                  .get(path, Map.of("Authorization", "Basic " + OperatorServer.TOKEN))
                  .statusCode())
          .as(path)
          .isEqualTo(401);
    }
    for (String action : List.of("hangup", "transfer", "say")) {
      HttpResponse<String> r = server.post("/api/calls/rtc_a/" + action, WRONG, "{}");
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    }
    assertThat(server.get("/api/calls").statusCode()).isEqualTo(200);
  }

  @Test
  void calls_newestFirstInPagesThatFollowTheCursorToTheEnd() throws Exception {
    for (int i = 0; i < 7; i++) {
      finishedCall("rtc_p" + i, i, "line of call " + i, EndReason.CALLER_HUNG_UP);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          json(server.get("/api/calls?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)));
      page.path("calls").forEach(c -> seen.add(c.path("id").asText()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(pages).isEqualTo(3);
    assertThat(seen)
        .containsExactly("rtc_p6", "rtc_p5", "rtc_p4", "rtc_p3", "rtc_p2", "rtc_p1", "rtc_p0");
  }

  @Test
  void calls_filterByWordsSaidNumberEndReasonAndTime() throws Exception {
    finishedCall("rtc_f1", 0, "Where is my parcel?", EndReason.CALLER_HUNG_UP);
    finishedCall("rtc_f2", 1, "I want a refund", EndReason.OPERATOR_HUNG_UP);
    finishedCall("rtc_f3", 2, "Opening hours please", EndReason.TRANSFERRED);

    assertThat(ids("/api/calls?q=REFUND")).containsExactly("rtc_f2");
    assertThat(ids("/api/calls?endReason=transferred")).containsExactly("rtc_f3");
    assertThat(ids("/api/calls?number=%2B14155550100")).containsExactly("rtc_f1");
    assertThat(ids("/api/calls?number=5550100")).containsExactly("rtc_f3", "rtc_f2", "rtc_f1");
    assertThat(ids("/api/calls?from=" + T0.plusSeconds(60) + "&to=" + T0.plusSeconds(90)))
        .containsExactly("rtc_f2");
    JsonNode first = json(server.get("/api/calls?q=parcel")).path("calls").get(0);
    assertThat(first.path("lineCount").asInt()).isEqualTo(2);
    assertThat(first.path("endReason").asText()).isEqualTo("CALLER_HUNG_UP");
    assertThat(first.path("live").asBoolean()).isFalse();
  }

  @Test
  void calls_badFilters_are400WithAMessage() throws Exception {
    finishedCall("rtc_b", 0, "hello", EndReason.CALLER_HUNG_UP);
    for (String query :
        List.of(
            "limit=0",
            "limit=201",
            "limit=ten",
            "endReason=BORED",
            "from=yesterday",
            "number=call-me",
            "cursor=not-a-cursor",
            "cursor=abc_rtc_x",
            "from=2026-12-02&to=2026-12-01",
            "q=" + "x".repeat(201))) {
      HttpResponse<String> r = server.get("/api/calls?" + query);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(json(r).path("error").path("message").asText()).as(query).isNotBlank();
    }
  }

  @Test
  void oneCall_wholeRecordAndTranscriptInConversationOrder_unknownIs404() throws Exception {
    finishedCall("rtc_one", 0, "Hi, I need help.", EndReason.AGENT_HUNG_UP);

    JsonNode call = json(server.get("/api/calls/rtc_one"));
    assertThat(call.path("id").asText()).isEqualTo("rtc_one");
    assertThat(call.path("caller").asText()).isEqualTo("+14155550100");
    assertThat(call.path("endReason").asText()).isEqualTo("AGENT_HUNG_UP");
    assertThat(call.path("lines").get(0).path("text").asText()).isEqualTo("Hi, I need help.");
    assertThat(call.path("times").path("endedAt").asText()).isNotBlank();
    assertThat(call.has("usage")).isTrue();
    HttpResponse<String> transcript = server.get("/api/calls/rtc_one/transcript");
    assertThat(transcript.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(transcript.body()).isEqualTo("Caller: Hi, I need help.\nAgent: Happy to help.\n");

    assertThat(server.get("/api/calls/rtc_nobody").statusCode()).isEqualTo(404);
    assertThat(server.get("/api/calls/rtc_nobody/transcript").statusCode()).isEqualTo(404);
    assertThat(server.get("/api/calls/%20").statusCode()).isEqualTo(400);
  }

  @Test
  void actionsOnUnknownOrEndedCalls_are404AndChangeNothing() throws Exception {
    finishedCall("rtc_done", 0, "bye", EndReason.CALLER_HUNG_UP);
    for (String id : List.of("rtc_nobody", "rtc_done")) {
      assertThat(server.post("/api/calls/" + id + "/hangup", "").statusCode()).isEqualTo(404);
      assertThat(server.post("/api/calls/" + id + "/transfer", "").statusCode()).isEqualTo(404);
      assertThat(server.post("/api/calls/" + id + "/say", "{\"instruction\":\"hi\"}").statusCode())
          .isEqualTo(404);
    }
    assertThat(server.control.requests("hangup")).isEmpty();
    assertThat(server.store.find(new CallId("rtc_done")).orElseThrow().actions()).isEmpty();
  }

  @Test
  void hangUpOfALiveCall_isAcceptedEndsItAtOpenAiAndIsRecorded() throws Exception {
    server.live("rtc_live1");

    HttpResponse<String> r = server.post("/api/calls/rtc_live1/hangup", "");

    assertThat(r.statusCode()).isEqualTo(202);
    await().until(() -> server.control.requests("hangup").size() == 1);
    assertThat(server.store.find(new CallId("rtc_live1")).orElseThrow().actions())
        .extracting(a -> a.action())
        .containsExactly("hangup");
  }

  @Test
  void sayAndTransfer_badInputIs400_noTargetIs409() throws Exception {
    server.live("rtc_live2");
    for (String body :
        List.of(
            "",
            "not json",
            "{}",
            "{\"instruction\":42}",
            "{\"instruction\":\"   \"}",
            "{\"instruction\":\"" + "x".repeat(2001) + "\"}")) {
      assertThat(server.post("/api/calls/rtc_live2/say", body).statusCode())
          .as(body)
          .isEqualTo(400);
    }
    assertThat(
            server
                .post("/api/calls/rtc_live2/say", "{\"instruction\":\"Offer a voucher\"}")
                .statusCode())
        .isEqualTo(202);
    assertThat(server.post("/api/calls/rtc_live2/transfer", "").statusCode()).isEqualTo(409);
    assertThat(server.store.find(new CallId("rtc_live2")).orElseThrow().actions())
        .extracting(a -> a.action() + ":" + a.detail())
        .containsExactly("say:Offer a voucher");
  }

  @Test
  void consoleCookie_isSetByLogInAndWorksForTheApi_postsAlsoNeedTheConsoleHeader()
      throws Exception {
    assertThat(server.get("/console", Map.of()).statusCode()).isEqualTo(401);
    assertThat(server.get("/console", Map.of()).body()).contains("name=\"token\"");
    HttpResponse<String> refused =
        server.post(
            "/console/login",
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "token=wrong-token");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();

    HttpResponse<String> in =
        server.post(
            "/console/login",
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "token=" + OperatorServer.TOKEN);

    assertThat(in.statusCode()).isEqualTo(303);
    String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .doesNotContain(OperatorServer.TOKEN);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    assertThat(server.get("/console", Map.of("Cookie", cookie)).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/calls", Map.of("Cookie", cookie)).statusCode()).isEqualTo(200);
    assertThat(server.post("/api/calls/rtc_x/hangup", Map.of("Cookie", cookie), "").statusCode())
        .isEqualTo(401);
    assertThat(
            server
                .post(
                    "/api/calls/rtc_x/hangup",
                    Map.of("Cookie", cookie, ApiRoutes.CONSOLE_HEADER, "sipbridge-console"),
                    "")
                .statusCode())
        .isEqualTo(404);
    assertThat(server.get("/api/calls", Map.of("Cookie", "sipbridge_console=forged")).statusCode())
        .isEqualTo(401);
  }

  private void finishedCall(String id, int minute, String callerSays, EndReason reason) {
    Instant at = T0.plusSeconds(60L * minute);
    CallId callId = new CallId(id);
    server.write(
        new CallEvent.Started(OperatorServer.incoming(id, "+1415555010" + minute, at), at),
        new CallEvent.Line(
            new TranscriptLine(
                callId,
                1,
                Speaker.CALLER,
                TranscriptLine.Kind.SPEECH,
                callerSays,
                "item_1",
                at.plusSeconds(5))),
        new CallEvent.Line(
            new TranscriptLine(
                callId,
                2,
                Speaker.AGENT,
                TranscriptLine.Kind.SPEECH,
                "Happy to help.",
                "item_2",
                at.plusSeconds(8))),
        new CallEvent.Ended(callId, at.plusSeconds(20), reason, List.of(1L, 2L)));
  }

  private List<String> ids(String path) throws Exception {
    List<String> ids = new ArrayList<>();
    json(server.get(path)).path("calls").forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isLessThan(500);
    return JSON.readTree(r.body());
  }
}
