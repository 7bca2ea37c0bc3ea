package dev.sipbridge.discord;

import static dev.sipbridge.discord.Calls.call;
import static dev.sipbridge.discord.Calls.line;
import static dev.sipbridge.discord.Calls.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.fake.FakeClock;
import dev.sipbridge.testkit.DiscordReply;
import dev.sipbridge.testkit.DiscordRequest;
import dev.sipbridge.testkit.SimulatedDiscord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the sink copes when Discord fails, hangs or forgets the webhook. */
class DiscordTranscriptSinkFailuresTest extends SinkTestSupport {
  /** The webhook id is as private as the token here. */
  @Override
  boolean leaks(String line) {
    return line.contains(SimulatedDiscord.TOKEN) || line.contains("webhooks/1234");
  }

  @Test
  void serverErrors_areRetried_andOrderIsKept() throws Exception {
    DiscordReply unavailable = DiscordReply.status(503);
    h = new Harness(Harness.discord().then(unavailable).then(unavailable).then(unavailable));

    h.sink.publish(line("rtc_1", 1, "one"));
    h.sink.publish(line("rtc_1", 2, "two"));
    h.sink.publish(line("rtc_1", 3, "three"));

    await().until(() -> h.observer.delivered() == 3);
    assertThat(storedLines()).containsExactly("Caller: one", "Agent: two", "Caller: three");
    assertThat(h.observer.retried).hasValue(3);
    assertThat(h.observer.gaveUp).hasValue(0);
    assertThat(h.fake.requests()).hasSize(3 + h.fake.messages().size());
  }

  @Test
  void noAnswerWithinReadTimeout_isRetriedWithTheSameMessage() throws Exception {
    SimulatedDiscord fake = Harness.discord().then(DiscordReply.noResponse());
    h =
        new Harness(
            fake,
            s -> s.timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5)),
            Clock.systemUTC());

    h.sink.publish(line("rtc_1", 1, "hello"));

    assertDeliveredOnTheRetryAfterNoAnswer();
  }

  @Test
  void answerTricklingPastTheCallTimeout_isAbortedAndRetried() throws Exception {
    // every byte comes well within the read timeout, so only the call timeout can end it
    DiscordReply trickle =
        DiscordReply.of(
                200,
                "application/json",
                "{\"id\":\"1\",\"channel_id\":\"900\",\"content\":\"slow\"}")
            .trickled(Duration.ofMillis(100));
    SimulatedDiscord fake = Harness.discord().then(trickle);
    h =
        new Harness(
            fake,
            s -> s.timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(500)),
            Clock.systemUTC());

    h.sink.publish(line("rtc_1", 1, "hello"));

    assertDeliveredOnTheRetryAfterNoAnswer();
    assertThat(storedLines()).containsExactly("Caller: hello");
  }

  /** The first request got no (complete) answer; the same body went again and was delivered. */
  private void assertDeliveredOnTheRetryAfterNoAnswer() {
    await().until(() -> h.observer.delivered() == 1);
    List<DiscordRequest> got = h.fake.requests();
    assertThat(got).hasSize(2);
    assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
    assertThat(h.observer.retried).hasValue(1);
    assertThat(CapturingLoggerFinder.lines()).anyMatch(l -> l.contains("no answer"));
  }

  @Test
  void badRequest_isDroppedCountedAndLogged_nextMessageStillGoes() throws Exception {
    h = new Harness(Harness.discord().then(DiscordReply.error(400, 50035, "Invalid Form Body")));

    h.sink.publish(line("rtc_bad", 1, "one"));
    await().until(() -> h.observer.gaveUp.get() == 1);
    h.sink.publish(line("rtc_bad", 2, "two"));

    await().until(() -> h.observer.delivered() == 1);
    assertThat(storedLines()).containsExactly("Agent: two");
    assertThat(h.observer.retried).hasValue(0);
    assertThat(CapturingLoggerFinder.lines())
        .anyMatch(
            l ->
                l.startsWith("WARNING")
                    && l.contains("rtc_bad")
                    && l.contains("HTTP 400, code 50035"));
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 404})
  void unauthorizedOrUnknownWebhook_stopsForGood_loggedOnce(int status) throws Exception {
    h = new Harness(Harness.discord().then(DiscordReply.error(status, 10015, "Unknown Webhook")));
    h.fake.hold();
    h.sink.callStarted(call("rtc_d"));
    await().until(() -> h.fake.requests().size() == 1);
    for (int i = 1; i <= 3; i++) {
      h.sink.publish(line("rtc_d", i, "queued " + i));
    }
    h.fake.release();
    await().until(() -> h.observer.gaveUp.get() == 4);

    h.sink.publish(line("rtc_d", 4, "later"));
    h.sink.callEnded(transcript(call("rtc_d"), List.of()));

    assertThat(h.observer.gaveUp).hasValue(6);
    assertThat(h.sink.flush(Duration.ofSeconds(5))).isFalse();
    assertThat(h.fake.requests()).hasSize(1);
    assertThat(CapturingLoggerFinder.lines())
        .filteredOn(l -> l.startsWith("ERROR"))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("HTTP " + status + ", code 10015"));
  }

  @Test
  void lineStillFailingAfterMaxLineAge_isGivenUpCountedAndLogged() throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    SimulatedDiscord fake = Harness.discord().always(DiscordReply.status(502));
    h = new Harness(fake, s -> s.maxLineAge(Duration.ofMinutes(1)), clock);

    h.sink.publish(line("rtc_old", 1, "hello", clock.instant()));
    await().until(() -> h.observer.retried.get() >= 2);
    h.sink.callStarted(call("rtc_next")); // queued behind; ages with the clock too
    clock.advance(Duration.ofMinutes(2));

    await().until(() -> h.observer.gaveUp.get() == 2);
    assertThat(h.observer.delivered()).isZero();
    assertThat(h.sink.flush(Duration.ofSeconds(5))).isTrue();
    assertThat(CapturingLoggerFinder.lines())
        .anyMatch(
            l ->
                l.contains("rtc_old")
                    && l.contains("still undelivered after 1 min")
                    && l.contains("HTTP 502"));
    assertThat(CapturingLoggerFinder.lines())
        .anyMatch(l -> l.contains("rtc_next") && l.contains("older than 1 min"));
  }

  @Test
  void flush_returnsFalseWhenDeadlinePassesWhileDiscordHangs() throws Exception {
    h = new Harness(Harness.discord());
    h.fake.hold();
    h.sink.publish(line("rtc_1", 1, "hello"));
    await().until(() -> h.fake.requests().size() == 1);

    assertThat(h.sink.flush(Duration.ofMillis(100))).isFalse();

    h.fake.release();
    await().until(() -> h.observer.delivered() == 1);
  }

  @Test
  void close_abortsAndCountsWhatIsLeft_laterLinesAreCounted() throws Exception {
    h = new Harness(Harness.discord());
    h.fake.hold();
    h.sink.publish(line("rtc_c", 1, "in flight"));
    await().until(() -> h.fake.requests().size() == 1);
    h.sink.publish(line("rtc_c", 2, "queued"));
    h.sink.callEnded(transcript(call("rtc_c"), List.of()));

    h.sink.close();
    h.sink.publish(line("rtc_c", 3, "after close"));

    assertThat(h.observer.gaveUp).hasValue(4);
    assertThat(h.observer.delivered()).isZero();
    assertThat(CapturingLoggerFinder.lines()).anyMatch(l -> l.contains("closed"));
  }
}
