package dev.sipbridge.testkit;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as it reached {@link SimulatedDiscord}, answered or not.
 *
 * @param method the HTTP method
 * @param path the path, without the query
 * @param query the raw query string, empty when there is none
 * @param queryParams the query's parameters
 * @param headers the request's headers, first value of each, names case-insensitive
 * @param body the body as UTF-8, multipart bodies raw (boundaries and all)
 * @param atNanos {@link System#nanoTime()} when it had arrived in full
 */
public record DiscordRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> queryParams,
    Map<String, String> headers,
    String body,
    long atNanos) {

  /** The request in {@code ctx}, whose body was read as {@code body}, stamped now. */
  static DiscordRequest of(Context ctx, byte[] body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(ctx.headerMap());
    return new DiscordRequest(
        ctx.method().name(),
        ctx.path(),
        ctx.queryString() == null ? "" : ctx.queryString(),
        Map.copyOf(ctx.queryParamMap()),
        Collections.unmodifiableMap(headers),
        new String(body, StandardCharsets.UTF_8),
        System.nanoTime());
  }

  /** The header's first value, or null when it was not sent. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The query parameter's first value, or null when it was not sent. */
  public String queryParam(String name) {
    List<String> values = queryParams.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The path with {@code ?query} when there is one, as the request line had it. */
  public String target() {
    return query.isEmpty() ? path : path + "?" + query;
  }
}
