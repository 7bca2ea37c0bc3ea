package dev.sipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedDiscordTest {
  private static final String LINE =
      "{\"content\":\"Caller: hi\",\"allowed_mentions\":{\"parse\":[]}}";
  private SimulatedDiscord discord;

  @AfterEach
  void stop() {
    discord.close();
  }

  @Test
  void jsonPost_isRecordedAndAnswered204() {
    discord = SimulatedDiscord.start();

    HttpResponse<String> response = post("", LINE);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(discord.contents()).containsExactly("Caller: hi");
    assertThat(discord.messages().get(0).json()).isEqualTo(LINE);
    assertThat(discord.webhookUrl().getPath())
        .isEqualTo("/api/webhooks/123456789012345678/fake-token_ABC");
  }

  @Test
  void waitTrue_returnsMessageJson() {
    discord = SimulatedDiscord.start();

    HttpResponse<String> response = post("?wait=true", LINE);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode message = SimJson.parseObject(response.body()).orElseThrow();
    assertThat(message.path("id").asText()).isEqualTo(discord.messages().get(0).id());
    assertThat(message.path("channel_id").asText()).isEqualTo(SimulatedDiscord.CHANNEL_ID);
    assertThat(message.path("content").asText()).isEqualTo("Caller: hi");
  }

  @Test
  void threadName_createsThreadThatThreadIdPostsInto() {
    discord = SimulatedDiscord.start();

    HttpResponse<String> first =
        post(
            "?wait=true",
            "{\"content\":\"Call from +1555***4567\",\"thread_name\":\"Call rtc_1\"}");
    String threadId = SimJson.parseObject(first.body()).orElseThrow().path("channel_id").asText();
    HttpResponse<String> second = post("?wait=true&thread_id=" + threadId, LINE);
    HttpResponse<String> unknown = post("?thread_id=999", LINE);

    assertThat(threadId).isEqualTo(discord.messages().get(0).id());
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(SimJson.parseObject(second.body()).orElseThrow().path("channel_id").asText())
        .isEqualTo(threadId);
    assertThat(discord.messages())
        .extracting(SimulatedDiscord.Message::threadName)
        .containsExactly("Call rtc_1", "");
    assertThat(discord.messages().get(1).threadId()).isEqualTo(threadId);
    assertThat(unknown.statusCode()).isEqualTo(400);
  }

  @Test
  void sixthPostInWindow_isRateLimitedWithDiscordBodyAndHeaders() {
    discord = SimulatedDiscord.start(5, Duration.ofMinutes(1));

    for (int i = 0; i < 5; i++) {
      HttpResponse<String> ok = post("", "{\"content\":\"line " + i + "\"}");
      assertThat(ok.statusCode()).isEqualTo(204);
      assertThat(ok.headers().firstValue("X-RateLimit-Remaining"))
          .hasValue(Integer.toString(4 - i));
      assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
      assertThat(ok.headers().firstValue("X-RateLimit-Bucket")).isPresent();
      assertThat(ok.headers().firstValue("X-RateLimit-Reset-After")).isPresent();
    }
    HttpResponse<String> limited = post("", "{\"content\":\"line 5\"}");

    assertThat(limited.statusCode()).isEqualTo(429);
    JsonNode body = SimJson.parseObject(limited.body()).orElseThrow();
    assertThat(body.path("message").asText()).isEqualTo("You are being rate limited.");
    assertThat(body.path("retry_after").isFloatingPointNumber()).isTrue();
    assertThat(body.path("retry_after").asDouble()).isBetween(0.0, 60.0);
    assertThat(body.path("global").asBoolean(true)).isFalse();
    int retryAfter = Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1, 60);
    assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    assertThat(limited.headers().firstValue("X-RateLimit-Reset-After")).isPresent();
    assertThat(discord.contents()).hasSize(5).doesNotContain("line 5");
    assertThat(discord.statuses()).containsExactly(204, 204, 204, 204, 204, 429);
  }

  @Test
  void multipartPost_recordsPayloadAndAttachment() {
    discord = SimulatedDiscord.start();
    String boundary = "XyZbOuNdArY";
    String body =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"payload_json\"\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + "{\"content\":\"Full"
            + " transcript\",\"attachments\":[{\"id\":0,\"filename\":\"transcript.txt\"}]}\r\n"
            + "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"files[0]\"; filename=\"transcript.txt\"\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            + "Caller: hi\nAgent: hello – welcome\r\n"
            + "--"
            + boundary
            + "--\r\n";

    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(discord.webhookUrl())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());

    assertThat(response.statusCode()).isEqualTo(204);
    SimulatedDiscord.Message message = discord.messages().get(0);
    assertThat(message.content()).isEqualTo("Full transcript");
    assertThat(message.attachmentName()).isEqualTo("transcript.txt");
    assertThat(message.attachmentText()).isEqualTo("Caller: hi\nAgent: hello – welcome");
  }

  @Test
  void failNextAndDeletedWebhook_answerErrorsWithoutStoring() {
    discord = SimulatedDiscord.start();
    discord.failNext(502, 2);

    assertThat(post("", LINE).statusCode()).isEqualTo(502);
    assertThat(post("", LINE).statusCode()).isEqualTo(502);
    assertThat(post("", LINE).statusCode()).isEqualTo(204);
    discord.deleteWebhook();
    HttpResponse<String> gone = post("", LINE);

    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(SimJson.parseObject(gone.body()).orElseThrow().path("code").asInt())
        .isEqualTo(10015);
    assertThat(discord.messages()).hasSize(1);
  }

  @Test
  void tooLongOrEmptyContent_isRejected() {
    discord = SimulatedDiscord.start();

    assertThat(post("", "{\"content\":\"" + "x".repeat(2001) + "\"}").statusCode()).isEqualTo(400);
    assertThat(post("", "{\"content\":\"" + "x".repeat(2000) + "\"}").statusCode()).isEqualTo(204);
    assertThat(post("", "{\"content\":\"\"}").statusCode()).isEqualTo(400);
    assertThat(discord.messages()).hasSize(1);
  }

  private HttpResponse<String> post(String query, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(discord.webhookUrl() + query))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return TestSocket.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
