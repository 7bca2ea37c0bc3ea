package dev.sipbridge.openai;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What the OpenAI adapters need: credentials, where OpenAI lives, and how long to wait.
 *
 * <p>{@code baseUrl} drives REST ({@code {baseUrl}/realtime/calls/...}) and the realtime socket
 * ({@code {baseUrl as ws/wss}/realtime?call_id=...}) alike, so one setting points the whole adapter
 * at a local fake. {@link #toString()} masks both secrets.
 *
 * @param apiKey the Bearer key for REST and the socket ({@code OPENAI_API_KEY})
 * @param webhookSecret the {@code whsec_...} secret that signs webhooks ({@code
 *     OPENAI_WEBHOOK_SECRET})
 * @param baseUrl {@code http} or {@code https} URL; null means {@link #DEFAULT_BASE_URL}
 * @param connectTimeout TCP/TLS connect limit for REST and the socket handshake; null means 10 s
 * @param requestTimeout limit for one whole REST request; null means 10 s
 */
public record OpenAiSettings(
    String apiKey,
    String webhookSecret,
    URI baseUrl,
    Duration connectTimeout,
    Duration requestTimeout) {

  /** OpenAI's public API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public OpenAiSettings {
    requireText("apiKey", apiKey);
    requireText("webhookSecret", webhookSecret);
    baseUrl = normalize(baseUrl == null ? DEFAULT_BASE_URL : baseUrl);
    connectTimeout = positive("connectTimeout", connectTimeout);
    requestTimeout = positive("requestTimeout", requestTimeout);
  }

  /** Settings for OpenAI's public API with the default timeouts. */
  public static OpenAiSettings of(String apiKey, String webhookSecret) {
    return new OpenAiSettings(apiKey, webhookSecret, null, null, null);
  }

  /** The same settings with another base URL (a local fake in tests). */
  public OpenAiSettings withBaseUrl(URI newBaseUrl) {
    return new OpenAiSettings(apiKey, webhookSecret, newBaseUrl, connectTimeout, requestTimeout);
  }

  /** The same settings with other timeouts. */
  public OpenAiSettings withTimeouts(Duration connect, Duration request) {
    return new OpenAiSettings(apiKey, webhookSecret, baseUrl, connect, request);
  }

  /**
   * The call's realtime socket: {@code baseUrl} with {@code ws} for {@code http} and {@code wss}
   * for {@code https}, plus {@code /realtime?call_id=...} (query parameters already on the base URL
   * are kept, as the SDK does).
   */
  URI realtimeUri(String callId) {
    String base = baseUrl.toString();
    String query = "call_id=" + URLEncoder.encode(callId, StandardCharsets.UTF_8);
    int q = base.indexOf('?');
    String path = q < 0 ? base : base.substring(0, q);
    String fullQuery = q < 0 ? query : base.substring(q + 1) + "&" + query;
    String ws = baseUrl.getScheme().equalsIgnoreCase("https") ? "wss" : "ws";
    return URI.create(ws + path.substring(path.indexOf(':')) + "/realtime?" + fullQuery);
  }

  @Override
  public String toString() {
    return "OpenAiSettings[apiKey=****, webhookSecret=****, baseUrl="
        + baseUrl
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      // never echo the value: it is a secret
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  private static Duration positive(String what, Duration value) {
    if (value == null) {
      return DEFAULT_TIMEOUT;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was: " + value);
    }
    return value;
  }

  private static URI normalize(URI url) {
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL with a host, was: " + url);
    }
    if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUrl must not carry user info or a fragment");
    }
    String text = url.toString();
    int q = text.indexOf('?');
    String path = q < 0 ? text : text.substring(0, q);
    // the SDK and the socket both append "/realtime...": a trailing slash would double it
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(q < 0 ? path : path + text.substring(q));
  }
}
