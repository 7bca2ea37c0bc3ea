package dev.sipbridge.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Executes the webhook (Discord's "Execute Webhook" with {@code wait=true}) and classifies the
 * answer. Blocking; used by the sender's one thread. Never throws and never lets the URL's token
 * into a {@link Reply}.
 *
 * <p>Timeouts without OkHttp's watchdog thread: the connect timeout is the socket's, the read
 * timeout the socket's ({@link ReadTimeoutSockets}), and the whole request is bounded by {@link
 * #cancelIfOverdue}, which the sink calls from its own timer.
 */
final class WebhookClient {
  static final String USER_AGENT = "DiscordBot (https://github.com/sipbridge, 0.1)";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
  private static final long MAX_ERROR_BODY = 64 * 1024;
  private static final Duration MAX_WAIT = Duration.ofHours(1);

  private final OkHttpClient http;
  private final HttpUrl waitUrl;
  private final String token;
  private final ObjectMapper json = new ObjectMapper();
  private final long callTimeoutNanos;
  private volatile InFlight inFlight;

  private record InFlight(Call call, long startNanos) {}

  WebhookClient(DiscordSettings settings, OkHttpClient shared) {
    // newBuilder shares the connection pool and dispatcher of the shared client
    this.http =
        shared
            .newBuilder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .callTimeout(Duration.ZERO)
            .socketFactory(new ReadTimeoutSockets(settings.readTimeout()))
            .build();
    this.waitUrl = settings.url().newBuilder().setQueryParameter("wait", "true").build();
    this.token = settings.token();
    this.callTimeoutNanos = settings.callTimeout().toNanos();
  }

  /** Posts {@code payload}, into {@code threadId} when not null. Blocks until answered. */
  Reply post(Payload payload, String threadId) {
    HttpUrl target =
        threadId == null
            ? waitUrl
            : waitUrl.newBuilder().setQueryParameter("thread_id", threadId).build();
    Request request =
        new Request.Builder()
            .url(target)
            .header("User-Agent", USER_AGENT)
            .post(body(payload))
            .build();
    Call call = http.newCall(request);
    inFlight = new InFlight(call, System.nanoTime());
    try (Response response = call.execute()) {
      return classify(response);
    } catch (IOException e) {
      String message = e.getMessage();
      return Reply.noAnswer(
          redact(e.getClass().getSimpleName() + (message == null ? "" : ": " + message)));
    } finally {
      inFlight = null;
    }
  }

  /** Aborts the request in flight, if any (on close). */
  void cancel() {
    InFlight now = inFlight;
    if (now != null) {
      now.call().cancel();
    }
  }

  /**
   * Aborts the request in flight when it has run longer than the call timeout: the post then
   * answers "no answer" and is retried like any network error. Safe from any thread.
   */
  void cancelIfOverdue() {
    InFlight now = inFlight;
    if (now != null && System.nanoTime() - now.startNanos() > callTimeoutNanos) {
      now.call().cancel();
    }
  }

  private RequestBody body(Payload payload) {
    ObjectNode body = json.createObjectNode();
    body.put("content", payload.content());
    body.putObject("allowed_mentions").putArray("parse");
    if (payload.threadName() != null) {
      body.put("thread_name", payload.threadName());
    }
    if (payload.fileName() == null) {
      return RequestBody.create(body.toString(), JSON);
    }
    ObjectNode attachment = body.putArray("attachments").addObject();
    attachment.put("id", 0);
    attachment.put("filename", payload.fileName());
    attachment.put("description", "Call transcript");
    return new MultipartBody.Builder()
        .setType(MultipartBody.FORM)
        .addFormDataPart("payload_json", null, RequestBody.create(body.toString(), JSON))
        .addFormDataPart(
            "files[0]", payload.fileName(), RequestBody.create(payload.fileText(), TEXT))
        .build();
  }

  private Reply classify(Response response) throws IOException {
    int status = response.code();
    Headers headers = response.headers();
    JsonNode node = parse(response.peekBody(MAX_ERROR_BODY).string());
    int limit = count(headers.get("X-RateLimit-Limit"));
    int remaining = count(headers.get("X-RateLimit-Remaining"));
    Duration resetAfter = seconds(headers.get("X-RateLimit-Reset-After"));
    int code = node == null ? 0 : node.path("code").asInt(0);
    String detail = node == null ? "" : redact(shorten(node.path("message").asText("")));
    Reply.Kind kind;
    Duration wait = Duration.ZERO;
    boolean global = false;
    if (response.isSuccessful()) {
      String channel = node == null ? "" : node.path("channel_id").asText("");
      return new Reply(
          Reply.Kind.DELIVERED, status, 0, wait, false, channel, limit, remaining, resetAfter, "");
    } else if (status == 429 || (status == 403 && (node == null || code == 40333))) {
      boolean discordJson = node != null && node.has("retry_after");
      Duration body = discordJson ? seconds(node.path("retry_after").asText()) : Duration.ZERO;
      wait =
          max(
              body,
              max(
                  seconds(headers.get("Retry-After")),
                  seconds(headers.get("X-RateLimit-Reset-After"))));
      global =
          "true".equalsIgnoreCase(headers.get("X-RateLimit-Global"))
              || (node != null && node.path("global").asBoolean(false));
      kind = discordJson ? Reply.Kind.RATE_LIMITED : Reply.Kind.CLOUDFLARE;
    } else if (status == 401 || status == 404) {
      kind = Reply.Kind.DEAD;
    } else if (status >= 500 || status == 408) {
      kind = Reply.Kind.RETRY;
    } else {
      kind = Reply.Kind.REJECTED;
    }
    return new Reply(kind, status, code, wait, global, "", limit, remaining, resetAfter, detail);
  }

  private JsonNode parse(String text) {
    try {
      JsonNode node = json.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null; // not JSON: an HTML page from a proxy or Cloudflare
    }
  }

  /** A decimal number of seconds as Discord sends them; zero when absent or unreadable. */
  static Duration seconds(String value) {
    if (value == null) {
      return Duration.ZERO;
    }
    try {
      double s = Double.parseDouble(value.trim());
      if (!(s > 0)) {
        return Duration.ZERO;
      }
      return s * 1e9 >= MAX_WAIT.toNanos() ? MAX_WAIT : Duration.ofNanos((long) Math.ceil(s * 1e9));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }

  /** A whole count as Discord sends it; -1 when absent or unreadable. */
  private static int count(String value) {
    try {
      return value == null ? -1 : Math.max(0, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String shorten(String s) {
    return MessageText.truncate(s.replaceAll("\\s+", " "), 200);
  }

  /** {@code s} with the webhook token replaced, for anything that may echo the URL. */
  String redact(String s) {
    return s.replace(token, "***");
  }
}
