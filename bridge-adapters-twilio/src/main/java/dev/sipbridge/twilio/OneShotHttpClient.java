package dev.sipbridge.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The transport twilio-java sends through: one exchange per instance, on a shared JDK client.
 *
 * <p>It exists for three reasons. twilio-java has no base-URL setting, so the request's path and
 * query are re-aimed at {@code apiBaseUrl}. The SDK's {@code reliableRequest} re-sends any request
 * (POSTs included) up to three times on a 5xx, which could ring a human twice, so {@link
 * #shouldRetry} always says no. And the SDK loses the HTTP status when an error body is not
 * Twilio's JSON, so the status is kept here ({@link #status()}).
 *
 * <p>Not thread-safe: make one per SDK call. Transport failures surface as {@link
 * ApiConnectionException} whose cause is the JDK's {@link IOException}.
 */
final class OneShotHttpClient extends HttpClient {
  // The JDK client refuses these; it sets them itself.
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");
  private static final String USER_AGENT = "sip-realtime-bridge (twilio-java 13)";

  private final java.net.http.HttpClient http;
  private final String baseUrl;
  private final Duration timeout;
  private volatile int status;

  OneShotHttpClient(java.net.http.HttpClient http, URI baseUrl, Duration timeout) {
    this.http = http;
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.timeout = timeout;
  }

  /** The HTTP status of the exchange, or 0 when Twilio never answered. */
  int status() {
    return status;
  }

  @Override
  protected boolean shouldRetry(Response response, int[] retryCodes) {
    return false;
  }

  @Override
  public Response makeRequest(Request request) {
    // getFile() is path + query, already encoded by the SDK.
    URI target = URI.create(baseUrl + request.constructURL().getFile());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target).timeout(timeout).header("User-Agent", USER_AGENT);
    builder.header("Accept", "application/json");
    if (request.requiresAuthentication()) {
      builder.header("Authorization", request.getAuthString());
    }
    request
        .getHeaderParams()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
              }
            });
    builder.method(request.getMethod().toString(), body(request, builder));
    HttpResponse<String> response = send(builder.build());
    status = response.statusCode();
    return new Response(response.body(), response.statusCode(), headers(response));
  }

  private static HttpRequest.BodyPublisher body(Request request, HttpRequest.Builder builder) {
    HttpMethod method = request.getMethod();
    if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
      return HttpRequest.BodyPublishers.noBody();
    }
    if (request.getContentType() == EnumConstants.ContentType.JSON) {
      builder.header("Content-Type", "application/json");
      String json = request.getBody() == null ? "" : request.getBody();
      return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    }
    builder.header("Content-Type", "application/x-www-form-urlencoded");
    return HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new ApiConnectionException(
          "Twilio did not answer within " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw new ApiConnectionException(
          "could not reach Twilio (" + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("interrupted while waiting for Twilio", e);
    }
  }

  // The SDK's debug logging walks the headers, so never hand it a null array.
  private static Header[] headers(HttpResponse<String> response) {
    List<Header> headers = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : response.headers().map().entrySet()) {
      for (String value : entry.getValue()) {
        headers.add(new BasicHeader(entry.getKey(), value));
      }
    }
    return headers.toArray(new Header[0]);
  }
}
