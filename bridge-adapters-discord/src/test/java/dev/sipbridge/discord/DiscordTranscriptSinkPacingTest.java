package dev.sipbridge.discord;

import static dev.sipbridge.discord.Calls.call;
import static dev.sipbridge.discord.Calls.line;
import static dev.sipbridge.discord.Calls.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.transcript.TranscriptLine;
import dev.sipbridge.testkit.DiscordRequest;
import dev.sipbridge.testkit.SimulatedDiscord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pacing with the shipped default settings: nothing waits while Discord is not limiting; bursts use
 * the bucket's Remaining; only sustained load is held to the channel budget, and only then are a
 * call's lines coalesced. Bounds on time are generous; what is asserted exactly is whether the
 * sender had to wait at all.
 */
class DiscordTranscriptSinkPacingTest extends SinkTestSupport {
  /** Far more than a post to 127.0.0.1 takes, far less than the old 2 s interval per post. */
  private static final Duration PROMPT = Duration.ofSeconds(5);

  @Test
  void loneLines_goOutAtOnce_withoutAnyWait() throws Exception {
    h = new Harness(Harness.discord());

    for (int i = 1; i <= 3; i++) {
      h.sink.publish(line("rtc_1", i, "line " + i));
      int delivered = i;
      await().atMost(PROMPT).until(() -> h.observer.delivered() == delivered);
    }

    assertThat(h.sink.waits()).as("pacing waits scheduled").isZero();
    assertThat(storedLines()).containsExactly("Caller: line 1", "Agent: line 2", "Caller: line 3");
  }

  @Test
  void shortExchangeReleasedTogether_isOneMessagePerLine_withoutAnyWait() throws Exception {
    // an agent line that waited for a late caller transcript is released with it: no backlog
    h = new Harness(Harness.discord());
    List<String> sent = new ArrayList<>();

    h.sink.callStarted(call("rtc_x"));
    for (int i = 1; i <= 4; i++) {
      TranscriptLine line = line("rtc_x", i, "turn " + i);
      h.sink.publish(line);
      sent.add(line.render());
    }

    await().atMost(PROMPT).until(() -> h.observer.delivered() == 4);
    assertThat(contents()).hasSize(5);
    assertThat(contents().subList(1, 5)).containsExactlyElementsOf(sent);
    assertThat(h.sink.waits()).isZero();
  }

  @Test
  void longLine_sendsAllItsChunksAtOnce() throws Exception {
    h = new Harness(Harness.discord());
    TranscriptLine line = line("rtc_1", 1, "lorem ipsum dolor ".repeat(250).trim()); // 4,500

    h.sink.publish(line);

    await().atMost(PROMPT).until(() -> h.observer.delivered() == 1);
    assertThat(contents()).hasSize(3);
    assertThat(String.join("", contents())).isEqualTo(line.render());
    assertThat(h.sink.waits()).isZero();
  }

  @Test
  void burst_usesTheBucketsRemaining_thenWaitsForItsReset() throws Exception {
    Duration window = Duration.ofSeconds(2); // Discord's 5 posts per 2 s per webhook
    h = new Harness(SimulatedDiscord.start(5, window));

    for (int i = 1; i <= 7; i++) {
      h.sink.callStarted(call("rtc_" + i)); // seven calls: nothing can be coalesced
    }

    await().atMost(PROMPT).until(() -> h.fake.messages().size() >= 5);
    await().atMost(PROMPT.plus(window)).until(() -> h.fake.messages().size() == 7);
    List<DiscordRequest> got = h.fake.requests();
    assertThat(got).hasSize(7);
    assertThat(rateLimited()).isZero();
    assertThat(h.fake.prematurePosts()).isZero();
    assertThat(Duration.ofNanos(got.get(5).atNanos() - got.get(0).atNanos()))
        .as("the sixth post waited for the bucket's reset")
        .isGreaterThan(window.dividedBy(2));
  }

  @Test
  void sustainedLoad_isHeldToTheBudget_coalescedPerCall_finalsAfterTheirLines() throws Exception {
    Duration interval = Duration.ofMillis(200); // the default budget, time-scaled from 3 s
    h = new Harness(Harness.discord(), s -> s.minInterval(interval), Clock.systemUTC());
    int calls = 20;
    h.fake.hold(); // everything below queues while the first post is in flight: a backlog
    h.sink.callStarted(call("rtc_0"));
    await().until(() -> h.fake.requests().size() == 1);
    for (int n = 1; n <= 3; n++) {
      for (int c = 1; c <= calls; c++) {
        h.sink.publish(line("rtc_" + c, n, "rtc_" + c + " says " + n));
      }
    }
    for (int c = 1; c <= calls; c++) {
      h.sink.callEnded(transcript(call("rtc_" + c), List.of()));
    }
    h.fake.release();

    await().atMost(Duration.ofSeconds(60)).until(() -> h.fake.messages().size() == 2 * calls + 1);
    List<DiscordRequest> got = h.fake.requests();
    int burst = h.settings.burst();
    for (int i = burst; i < got.size(); i++) {
      // no window of time holds more than burst + time / interval posts
      long floor = (long) ((i - burst + 1) * interval.toNanos() * 0.95);
      assertThat(got.get(i).atNanos() - got.get(0).atNanos())
          .as("post %d", i)
          .isGreaterThanOrEqualTo(floor);
    }
    List<String> contents = contents();
    for (int c = 1; c <= calls; c++) {
      String id = "rtc_" + c;
      String lines =
          "Caller: " + id + " says 1\nAgent: " + id + " says 2\nCaller: " + id + " says 3";
      int linesAt = contents.indexOf(lines);
      assertThat(linesAt).as("%s's three lines in one message", id).isNotNegative();
      assertThat(contents.indexOf("Transcript of call " + id + " (0 lines)"))
          .isGreaterThan(linesAt);
    }
    assertThat(rateLimited()).isZero();
  }
}
