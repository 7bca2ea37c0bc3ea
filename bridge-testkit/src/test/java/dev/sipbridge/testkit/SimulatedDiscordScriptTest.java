package dev.sipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a test scripts into {@link SimulatedDiscord}, and what it records for the test. */
class SimulatedDiscordScriptTest {
  private static final String LINE = "{\"content\":\"Caller: hi\"}";
  private SimulatedDiscord discord;

  @AfterEach
  void stop() {
    discord.close();
  }

  @Test
  void scriptedReplies_answerInOrder_thenDiscordAnswersAgain() throws Exception {
    discord = SimulatedDiscord.start();
    discord
        .then(DiscordReply.status(503))
        .then(DiscordReply.of(429, "text/html", "<html>error code: 1015</html>"))
        .then(DiscordReply.rateLimited("0.05", "0.3", "0.1", true));

    HttpResponse<String> unavailable = post("", LINE, null);
    HttpResponse<String> cloudflare = post("", LINE, null);
    HttpResponse<String> global = post("", LINE, null);
    HttpResponse<String> ok = post("", LINE, null);

    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.body()).isEmpty();
    assertThat(cloudflare.statusCode()).isEqualTo(429);
    assertThat(cloudflare.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(cloudflare.body()).isEqualTo("<html>error code: 1015</html>");
    assertThat(global.headers().firstValue("Retry-After")).hasValue("0.3");
    assertThat(global.headers().firstValue("X-RateLimit-Reset-After")).hasValue("0.1");
    assertThat(global.headers().firstValue("X-RateLimit-Global")).hasValue("true");
    assertThat(global.body()).contains("\"retry_after\":0.05").contains("\"global\":true");
    assertThat(ok.statusCode()).isEqualTo(204);
    assertThat(discord.statuses()).containsExactly(503, 429, 429, 204);
    assertThat(discord.requests()).hasSize(4);
    assertThat(discord.contents()).containsExactly("Caller: hi");
  }

  @Test
  void always_isAnOutageThatScriptedRepliesStillPrecede() throws Exception {
    discord = SimulatedDiscord.start();
    discord.always(DiscordReply.status(502)).then(DiscordReply.error(400, 50035, "Invalid"));

    assertThat(post("", LINE, null).statusCode()).isEqualTo(400);
    assertThat(post("", LINE, null).statusCode()).isEqualTo(502);
    assertThat(post("", LINE, null).statusCode()).isEqualTo(502);
    assertThat(discord.messages()).isEmpty();
  }

  @Test
  void noResponse_leavesTheClientWaiting_andIsRecordedButNotCounted() throws Exception {
    discord = SimulatedDiscord.start();
    discord.then(DiscordReply.noResponse());

    assertThatThrownBy(() -> post("", LINE, Duration.ofMillis(300)))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(post("", LINE, null).statusCode()).isEqualTo(204);

    assertThat(discord.requests()).hasSize(2);
    assertThat(discord.statuses()).containsExactly(204);
  }

  @Test
  void trickledBody_comesByteByByte() throws Exception {
    discord = SimulatedDiscord.start();
    String body = "{\"id\":\"1\"}";
    discord.then(DiscordReply.of(200, "application/json", body).trickled(Duration.ofMillis(30)));
    long start = System.nanoTime();

    HttpResponse<String> slow = post("", LINE, null);

    assertThat(slow.body()).isEqualTo(body);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(30L * (body.length() - 1)));
  }

  @Test
  void hold_keepsAnswersBackUntilRelease_requestsAreRecordedMeanwhile() {
    discord = SimulatedDiscord.start();
    discord.hold();

    CompletableFuture<HttpResponse<String>> held = postAsync("?wait=true", LINE);
    await().until(() -> discord.requests().size() == 1);
    assertThat(held).isNotDone();
    assertThat(discord.messages()).isEmpty();
    discord.release();

    assertThat(held.join().statusCode()).isEqualTo(200);
    assertThat(discord.contents()).containsExactly("Caller: hi");
  }

  @Test
  void requestLog_keepsMethodPathQueryHeadersAndBody() throws Exception {
    discord = SimulatedDiscord.start();

    post("?wait=true", LINE, null);

    DiscordRequest request = discord.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(discord.webhookUrl().getPath());
    assertThat(request.target()).isEqualTo(discord.webhookUrl().getPath() + "?wait=true");
    assertThat(request.queryParam("wait")).isEqualTo("true");
    assertThat(request.queryParam("thread_id")).isNull();
    assertThat(request.header("content-type")).isEqualTo("application/json");
    assertThat(request.header("X-Not-Sent")).isNull();
    assertThat(request.body()).isEqualTo(LINE);
    assertThat(discord.messages().get(0).request()).isEqualTo(request);
  }

  @Test
  void hiddenLimit_sendsNoBucketHeadersUntilThe429() throws Exception {
    discord = SimulatedDiscord.startWithHiddenLimit(1, Duration.ofMinutes(1));

    HttpResponse<String> ok = post("", LINE, null);
    HttpResponse<String> limited = post("", LINE, null);

    assertThat(ok.statusCode()).isEqualTo(204);
    assertThat(ok.headers().map().keySet())
        .noneMatch(h -> h.toLowerCase().startsWith("x-ratelimit"));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("X-RateLimit-Reset-After")).isPresent();
    assertThat(limited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
  }

  @Test
  void postsBeforeTheAnnouncedReset_areCountedAsPremature() throws Exception {
    discord = SimulatedDiscord.start(1, Duration.ofMillis(300));

    post("", LINE, null);
    HttpResponse<String> limited = post("", LINE, null);
    double wait = Double.parseDouble(limited.headers().firstValue("Retry-After").orElseThrow());
    post("", LINE, null); // at once: too early
    assertThat(discord.prematurePosts()).isEqualTo(1);
    Thread.sleep((long) Math.ceil(wait * 1000) + 20);
    HttpResponse<String> afterReset = post("", LINE, null);

    assertThat(wait).as("a sub-second window's Retry-After has decimals").isLessThan(1.0);
    assertThat(afterReset.statusCode()).isEqualTo(204);
    assertThat(discord.prematurePosts()).isEqualTo(1);
  }

  private HttpResponse<String> post(String query, String json, Duration timeout) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(discord.webhookUrl() + query))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (timeout != null) {
      request.timeout(timeout);
    }
    return TestSocket.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> postAsync(String query, String json) {
    return TestSocket.HTTP.sendAsync(
        HttpRequest.newBuilder(URI.create(discord.webhookUrl() + query))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
