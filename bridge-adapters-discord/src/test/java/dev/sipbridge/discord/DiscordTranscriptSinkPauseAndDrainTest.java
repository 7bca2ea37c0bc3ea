package dev.sipbridge.discord;

import static dev.sipbridge.discord.Calls.call;
import static dev.sipbridge.discord.Calls.line;
import static dev.sipbridge.discord.Calls.transcript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.fake.FakeClock;
import dev.sipbridge.testkit.DiscordReply;
import dev.sipbridge.testkit.SimulatedDiscord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Long pauses Discord asks for, the sink's health while they last, and the drain at shutdown.
 * Settings are the shipped defaults except where a test scales one down to stay fast.
 */
class DiscordTranscriptSinkPauseAndDrainTest extends SinkTestSupport {
  @Test
  void retryAfterOfAnHour_isCapped_loggedAtWarn_linesKeptAndShownInHealth() throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
    Duration cap = Duration.ofMillis(400); // the default cap (60 s), time-scaled
    SimulatedDiscord fake =
        Harness.discord()
            .then(DiscordReply.rateLimited("3600", "3600", "3600", false))
            .then(DiscordReply.rateLimited("3600", "3600", "3600", false));
    h = new Harness(fake, s -> s.maxPause(cap).maxLineAge(Duration.ofMinutes(1)), clock);

    h.sink.publish(line("rtc_p", 1, "before the pause", clock.instant()));
    await().until(() -> h.sink.health().state().equals("rate_limited"));
    h.sink.publish(line("rtc_p", 2, "during the pause", clock.instant()));
    DiscordTranscriptSink.Health paused = h.sink.health();
    assertThat(paused.healthy()).isFalse();
    assertThat(paused.pausedUntil())
        .hasValueSatisfying(
            until -> assertThat(until).isBetween(clock.instant(), clock.instant().plus(cap)));
    assertThat(paused.queued()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(2)); // older than maxLineAge: still kept

    await().atMost(Duration.ofSeconds(10)).until(() -> h.observer.delivered() == 2);
    assertThat(storedLines())
        .containsExactly("Caller: before the pause", "Agent: during the pause");
    assertThat(h.observer.gaveUp).hasValue(0);
    assertThat(h.observer.retried).hasValue(2);
    assertThat(h.sink.health())
        .isEqualTo(new DiscordTranscriptSink.Health(true, "ok", java.util.Optional.empty(), 0, 0));
    assertThat(CapturingLoggerFinder.lines())
        .anyMatch(
            l ->
                l.startsWith("WARNING")
                    && l.contains("pausing all posts for 400 ms")
                    && l.contains("Discord asked for 60 min"));
  }

  @Test
  void drain_deliversEverythingQueued_withinTheDeadline_underDiscordsRealBucket() throws Exception {
    h = new Harness(SimulatedDiscord.start(5, Duration.ofSeconds(2))); // 5 per 2 s, like Discord
    int calls = 7;
    for (int c = 1; c <= calls; c++) {
      h.sink.publish(line("rtc_" + c, 1, "last words " + c));
      h.sink.callEnded(transcript(call("rtc_" + c), List.of()));
    }

    assertThat(h.sink.flush(Duration.ofSeconds(10))).isTrue(); // Bridge's flush deadline

    assertThat(h.fake.messages()).hasSize(2 * calls);
    assertThat(h.observer.gaveUp).hasValue(0);
    assertThat(rateLimited()).isZero();
    assertThat(h.fake.prematurePosts()).isZero();
  }

  @Test
  void drain_cutsAWaitForTheChannelBudgetShort() throws Exception {
    h = new Harness(Harness.discord());
    int burst = h.settings.burst();
    for (int c = 1; c <= burst + 3; c++) {
      h.sink.callStarted(call("rtc_" + c));
    }
    await().until(() -> h.fake.messages().size() == burst && h.sink.waits() == 1);

    assertThat(h.sink.flush(Duration.ofSeconds(20))).isTrue();

    assertThat(h.fake.messages()).hasSize(burst + 3);
    assertThat(h.sink.waits()).as("no further wait once draining").isEqualTo(1);
  }

  @Test
  void close_logsPerCallExactlyWhatWasNotDelivered() throws Exception {
    h = new Harness(Harness.discord());
    h.fake.hold();
    h.sink.callStarted(call("rtc_a"));
    await().until(() -> h.fake.requests().size() == 1);
    h.sink.publish(line("rtc_a", 1, "one"));
    h.sink.publish(line("rtc_a", 2, "two"));
    h.sink.callEnded(transcript(call("rtc_a"), List.of()));
    h.sink.callStarted(call("rtc_b"));

    assertThat(h.sink.flush(Duration.ofMillis(200))).isFalse();
    h.sink.close();

    assertThat(h.observer.gaveUp).hasValue(5);
    assertThat(CapturingLoggerFinder.lines())
        .anyMatch(
            l ->
                l.startsWith("WARNING")
                    && l.contains(
                        "call rtc_a: the announcement, 2 line(s) [#1, #2], the final transcript"));
    assertThat(CapturingLoggerFinder.lines())
        .anyMatch(l -> l.startsWith("WARNING") && l.contains("call rtc_b: the announcement"));
    assertThat(h.sink.health().state()).isEqualTo("closed");
  }

  @Test
  void health_showsADeadWebhook_andDropsWhenTheQueueIsFull() throws Exception {
    h = new Harness(Harness.discord(), s -> s.maxQueued(2), Clock.systemUTC());
    h.fake.hold();
    h.sink.publish(line("rtc_q", 1, "in flight"));
    await().until(() -> h.fake.requests().size() == 1);
    for (int i = 2; i <= 4; i++) {
      h.sink.publish(line("rtc_q", i, "queued " + i));
    }

    DiscordTranscriptSink.Health full = h.sink.health();
    assertThat(full.queued()).isEqualTo(3);
    assertThat(full.droppedQueueFull()).isEqualTo(1);
    h.fake.release();
    await().until(() -> h.observer.delivered() == 3);

    h.fake.then(DiscordReply.error(404, 10015, "Unknown Webhook"));
    h.sink.publish(line("rtc_q", 5, "gone"));
    await().until(() -> h.sink.health().state().equals("dead"));
    assertThat(h.sink.health().healthy()).isFalse();
  }
}
