package dev.sipbridge.discord;

import static dev.sipbridge.discord.Calls.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.transcript.TranscriptLine;
import dev.sipbridge.testkit.DiscordReply;
import dev.sipbridge.testkit.DiscordRequest;
import dev.sipbridge.testkit.SimulatedDiscord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rate limits against a fake that enforces Discord's 5 posts per window per webhook, with the
 * window scaled from 2 s to 200 ms; where many posts are needed, the channel budget is scaled by
 * the same factor (3 s to 300 ms).
 */
class DiscordTranscriptSinkRateLimitTest extends SinkTestSupport {
  private static final Duration WINDOW = Duration.ofMillis(200);
  private static final Duration BUDGET = Duration.ofMillis(300);

  @Test
  void bucketHeaders_areRespectedBeforeTheyBite() throws Exception {
    h =
        new Harness(
            SimulatedDiscord.start(5, WINDOW), s -> s.minInterval(BUDGET), Clock.systemUTC());

    List<String> sent = publishLines(60);

    await().atMost(Duration.ofSeconds(30)).until(() -> h.observer.delivered() == 60);
    assertThat(storedLines()).containsExactlyElementsOf(sent);
    assertThat(h.fake.messages().size()).isGreaterThanOrEqualTo(30);
    assertThat(rateLimited()).isZero();
  }

  @Test
  void hiddenLimit_429sAreHonoured_nothingLostOrDuplicated() throws Exception {
    // a wider window, so that even a slow machine posts 5 times within one
    h =
        new Harness(
            SimulatedDiscord.startWithHiddenLimit(5, WINDOW.multipliedBy(2)),
            s -> s.minInterval(BUDGET),
            Clock.systemUTC());

    List<String> sent = publishLines(60);

    await().atMost(Duration.ofSeconds(30)).until(() -> h.observer.delivered() == 60);
    assertThat(storedLines()).containsExactlyElementsOf(sent);
    assertThat(rateLimited()).isPositive();
    assertThat(h.fake.prematurePosts()).isZero();
    assertThat(h.observer.retried).hasValue(rateLimited());
    assertThat(h.observer.gaveUp).hasValue(0);
  }

  @Test
  void rateLimit_waitsForTheLongestOfBodyHeaderAndResetAfter() throws Exception {
    h = new Harness(Harness.discord().then(DiscordReply.rateLimited("0.05", "0.3", "0.1", false)));

    h.sink.publish(line("rtc_1", 1, "hello"));

    await().until(() -> h.observer.delivered() == 1);
    assertThat(gapBetweenFirstTwoRequests()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(h.fake.messages().get(0).content()).isEqualTo("Caller: hello");
  }

  @Test
  void globalRateLimit_pausesAndIsLogged() throws Exception {
    h = new Harness(Harness.discord().then(DiscordReply.rateLimited("0.2", "0.2", "0.2", true)));

    h.sink.publish(line("rtc_1", 1, "hello"));

    await().until(() -> h.observer.delivered() == 1);
    assertThat(gapBetweenFirstTwoRequests()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(CapturingLoggerFinder.lines())
        .anyMatch(l -> l.startsWith("INFO") && l.contains("global rate limit"));
  }

  @Test
  void rateLimitWithoutDiscordJson_pausesForTheCloudflarePause() throws Exception {
    DiscordReply cloudflare = DiscordReply.of(429, "text/html", "<html>error code: 1015</html>");
    h = new Harness(Harness.discord().then(cloudflare));

    h.sink.publish(line("rtc_1", 1, "hello"));

    await().until(() -> h.observer.delivered() == 1);
    assertThat(gapBetweenFirstTwoRequests()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(h.observer.retried).hasValue(1);
    assertThat(CapturingLoggerFinder.lines())
        .anyMatch(l -> l.startsWith("WARNING") && l.contains("Cloudflare"));
  }

  /** Lines of about 700 code points, so at most two share a message. */
  private List<String> publishLines(int count) {
    List<String> rendered = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      TranscriptLine line = line("rtc_many", i, "line " + i + " " + "lorem ipsum ".repeat(58));
      h.sink.publish(line);
      rendered.add(line.render());
    }
    return rendered;
  }

  private Duration gapBetweenFirstTwoRequests() {
    List<DiscordRequest> got = h.fake.requests();
    return Duration.ofNanos(got.get(1).atNanos() - got.get(0).atNanos());
  }
}
