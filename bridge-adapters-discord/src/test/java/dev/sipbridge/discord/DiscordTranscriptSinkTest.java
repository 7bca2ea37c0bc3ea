package dev.sipbridge.discord;

import static dev.sipbridge.discord.Calls.CALLED;
import static dev.sipbridge.discord.Calls.CALLER;
import static dev.sipbridge.discord.Calls.call;
import static dev.sipbridge.discord.Calls.e164;
import static dev.sipbridge.discord.Calls.line;
import static dev.sipbridge.discord.Calls.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.sip.CallParties;
import dev.sipbridge.core.transcript.TranscriptLine;
import dev.sipbridge.testkit.DiscordReply;
import dev.sipbridge.testkit.DiscordRequest;
import dev.sipbridge.testkit.SimulatedDiscord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/** What the sink posts when Discord answers well. */
class DiscordTranscriptSinkTest extends SinkTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void line_postsJsonWithWaitTrueAndNoMentions() throws Exception {
    h = new Harness(Harness.discord());

    h.sink.publish(line("rtc_1", 1, "hello"));

    await().until(() -> h.observer.delivered() == 1);
    DiscordRequest r = h.fake.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.target()).isEqualTo(h.fake.webhookUrl().getPath() + "?wait=true");
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("User-Agent")).isEqualTo("DiscordBot (https://github.com/sipbridge, 0.1)");
    assertThat(json(r.body()))
        .isEqualTo(
            JSON.readTree("{\"content\":\"Caller: hello\",\"allowed_mentions\":{\"parse\":[]}}"));
    assertThat(h.observer.sinkNames).containsOnly("discord");
    assertThat(h.observer.latencies.get(0).isNegative()).isFalse();
  }

  @Test
  void callStarted_announcesCallIdNumbersForwardingAndConference() throws Exception {
    h = new Harness(Harness.discord());
    CallParties parties =
        new CallParties(
            CALLER,
            CALLED,
            Optional.of(e164("+15550001111")),
            Optional.of("no-answer"),
            Optional.of("conf-7"));

    h.sink.callStarted(call("rtc_a", parties));

    await().until(() -> h.fake.messages().size() == 1);
    assertThat(h.fake.messages().get(0).content())
        .isEqualTo(
            "Call rtc_a started\n"
                + "From: +15551234567\nTo: +15557654321\n"
                + "Forwarded from: +15550001111 (no-answer)\nConference: conf-7");
    assertThat(json(h.fake.messages().get(0).json()).has("thread_name")).isFalse();
  }

  @Test
  void callStarted_withoutForwarding_listsOnlyTheNumbers() throws Exception {
    h = new Harness(Harness.discord());

    h.sink.callStarted(call("rtc_b"));

    await().until(() -> h.fake.messages().size() == 1);
    assertThat(h.fake.messages().get(0).content())
        .isEqualTo("Call rtc_b started\nFrom: +15551234567\nTo: +15557654321");
  }

  @Test
  void everyoneAndHere_areBrokenWithZeroWidthSpace() throws Exception {
    h = new Harness(Harness.discord());

    h.sink.publish(line("rtc_1", 2, "ping @everyone and @here now"));

    await().until(() -> h.fake.messages().size() == 1);
    assertThat(h.fake.messages().get(0).content())
        .isEqualTo("Agent: ping @\u200Beveryone and @\u200Bhere now");
  }

  @Test
  void longLine_isSplitIntoMessagesThatJoinBack() throws Exception {
    h = new Harness(Harness.discord());
    String text = "word\uD83D\uDE00 ".repeat(900).trim(); // 5,399 code points with emoji
    TranscriptLine line = line("rtc_1", 1, text);

    h.sink.publish(line);

    await().until(() -> h.observer.delivered() == 1);
    List<String> contents = contents();
    assertThat(contents).hasSize(3);
    assertThat(contents).allMatch(c -> MessageText.length(c) <= 2000);
    assertThat(String.join("", contents)).isEqualTo(line.render());
  }

  @Test
  void backlog_isCoalescedPerCallInOrder_andPublishDoesNotWait() throws Exception {
    // one post per bucket window: ten queued lines are a real backlog
    h = new Harness(SimulatedDiscord.start(1, Duration.ofMillis(300)));
    h.fake.hold();
    h.sink.callStarted(call("rtc_a"));
    await().until(() -> h.fake.requests().size() == 1);

    // Discord is holding the first request; these calls return at once anyway, which is what
    // lets the sink ask to be called directly on the call's thread
    assertThat(h.sink.queuesOnly()).isTrue();
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      TranscriptLine la = line("rtc_a", i, "a" + i);
      TranscriptLine lb = line("rtc_b", i, "b" + i);
      h.sink.publish(la);
      h.sink.publish(lb);
      a.add(la.render());
      b.add(lb.render());
    }
    h.fake.release();

    await().until(() -> h.observer.delivered() == 10);
    assertThat(contents())
        .containsExactly(
            "Call rtc_a started\nFrom: +15551234567\nTo: +15557654321",
            String.join("\n", a),
            String.join("\n", b));
  }

  @Test
  void threadPerCall_firstPostOpensThread_laterPostsGoIntoIt() throws Exception {
    h = new Harness(Harness.discord(), s -> s.threadPerCall(true), java.time.Clock.systemUTC());
    IncomingCall call = call("rtc_t");
    TranscriptLine line = line("rtc_t", 1, "hi");

    h.sink.callStarted(call);
    h.sink.publish(line);
    h.sink.callEnded(transcript(call, List.of(line)));

    await().until(() -> h.fake.messages().size() == 3);
    List<SimulatedDiscord.Message> got = h.fake.messages();
    assertThat(got.get(0).request().target())
        .isEqualTo(h.fake.webhookUrl().getPath() + "?wait=true");
    assertThat(json(got.get(0).json()).path("thread_name").asText())
        .isEqualTo("Call +1555***4567 rtc_t");
    String thread = got.get(0).channelId(); // the thread the announcement opened
    for (SimulatedDiscord.Message later : got.subList(1, 3)) {
      assertThat(later.request().queryParam("wait")).isEqualTo("true");
      assertThat(later.request().queryParam("thread_id")).isEqualTo(thread);
      assertThat(json(later.json()).has("thread_name")).isFalse();
    }
  }

  @Test
  void threadPerCall_announcementRejected_laterPostsGoWithoutThread() throws Exception {
    SimulatedDiscord fake =
        Harness.discord()
            .then(DiscordReply.error(400, 220003, "Webhooks can only create threads in forums"));
    h = new Harness(fake, s -> s.threadPerCall(true), java.time.Clock.systemUTC());

    h.sink.callStarted(call("rtc_t"));
    h.sink.publish(line("rtc_t", 1, "hi"));

    await().until(() -> h.fake.messages().size() == 1);
    assertThat(h.fake.messages().get(0).request().queryParam("thread_id")).isNull();
    assertThat(h.fake.messages().get(0).content()).isEqualTo("Caller: hi");
    assertThat(h.observer.gaveUp).hasValue(1);
    assertThat(CapturingLoggerFinder.lines()).anyMatch(l -> l.contains("HTTP 400, code 220003"));
  }

  @Test
  void shortTranscript_isOneInlineMessage() throws Exception {
    h = new Harness(Harness.discord());
    IncomingCall call = call("rtc_1");
    List<TranscriptLine> lines = List.of(line("rtc_1", 1, "hi"), line("rtc_1", 2, "hello"));

    h.sink.callEnded(transcript(call, lines));

    await().until(() -> h.fake.messages().size() == 1);
    DiscordRequest r = h.fake.messages().get(0).request();
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(json(r.body()).path("content").asText())
        .isEqualTo("Transcript of call rtc_1 (2 lines)\nCaller: hi\nAgent: hello");
  }

  @Test
  void longTranscript_isAttachedAsTextFile() throws Exception {
    h = new Harness(Harness.discord());
    IncomingCall call = call("rtc_long");
    List<TranscriptLine> lines = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      lines.add(line("rtc_long", i, "sentence number " + i + " " + "blah ".repeat(15)));
    }

    h.sink.callEnded(transcript(call, lines));

    await().until(() -> h.fake.messages().size() == 1);
    DiscordRequest r = h.fake.messages().get(0).request();
    String type = r.header("Content-Type");
    assertThat(type).startsWith("multipart/form-data; boundary=");
    try (MultipartReader reader =
        new MultipartReader(ResponseBody.create(r.body(), MediaType.get(type)))) {
      MultipartReader.Part payload = reader.nextPart();
      assertThat(payload.headers().get("Content-Disposition"))
          .isEqualTo("form-data; name=\"payload_json\"");
      JsonNode json = JSON.readTree(payload.body().readUtf8());
      assertThat(json.path("content").asText()).isEqualTo("Transcript of call rtc_long (40 lines)");
      assertThat(json.path("allowed_mentions")).isEqualTo(JSON.readTree("{\"parse\":[]}"));
      assertThat(json.path("attachments").get(0).path("id").asInt()).isZero();
      assertThat(json.path("attachments").get(0).path("filename").asText())
          .isEqualTo("transcript-rtc_long.txt");
      MultipartReader.Part file = reader.nextPart();
      assertThat(file.headers().get("Content-Disposition"))
          .isEqualTo("form-data; name=\"files[0]\"; filename=\"transcript-rtc_long.txt\"");
      assertThat(file.headers().get("Content-Type")).startsWith("text/plain");
      assertThat(file.body().readUtf8())
          .isEqualTo(
              lines.stream().map(TranscriptLine::render).collect(Collectors.joining("\n")) + "\n");
      assertThat(reader.nextPart()).isNull();
    }
  }

  @Test
  void flush_returnsTrueOnceEverythingIsDelivered() throws Exception {
    h = new Harness(Harness.discord());
    h.sink.publish(line("rtc_1", 1, "one"));
    h.sink.publish(line("rtc_1", 2, "two"));

    assertThat(h.sink.flush(Duration.ofSeconds(20))).isTrue();

    assertThat(contents().stream().flatMap(c -> Arrays.stream(c.split("\n"))))
        .containsExactly("Caller: one", "Agent: two");
  }
}
