package dev.sipbridge.app.console;

import dev.sipbridge.app.api.OperatorAuth;
import dev.sipbridge.core.call.CallId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live console at {@code /console} (plain HTML, CSS and JavaScript from the jar, no build
 * step), its log-in, and the live stream {@code GET /api/events} (server-sent events from the
 * {@link EventHub}). Without the token or the cookie, {@code /console} answers 401 with the log-in
 * page; the token is posted in a form body, never put in a URL.
 */
public final class ConsoleRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
  private static final Map<String, String> ASSETS =
      Map.of(
          "console.js", "text/javascript; charset=utf-8",
          "console.css", "text/css; charset=utf-8");
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:;"
          + " style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none';"
          + " form-action 'self'; base-uri 'none'";

  private final OperatorAuth auth;
  private final EventHub hub;

  public ConsoleRoutes(OperatorAuth auth, EventHub hub) {
    this.auth = auth;
    this.hub = hub;
  }

  public void register(RoutesConfig routes) {
    routes.get("/console", this::page);
    routes.get("/console/", ctx -> ctx.redirect("/console"));
    routes.get("/console/assets/{file}", this::asset);
    routes.post("/console/login", this::login);
    routes.post(
        "/console/logout",
        ctx -> {
          auth.clearSessionCookie(ctx);
          ctx.redirect("/console", io.javalin.http.HttpStatus.SEE_OTHER);
        });
    routes.before("/api/events", this::checkWatch);
    routes.sse("/api/events", this::watch);
  }

  private void page(Context ctx) {
    boolean in = auth.allows(ctx);
    html(ctx, in ? 200 : 401, resource(in ? "index.html" : "login.html").replace("{{error}}", ""));
  }

  private void login(Context ctx) {
    String token = ctx.formParam("token");
    if (!auth.tokenMatches(token == null ? "" : token.strip())) {
      LOG.warn("console log-in refused from {}", ctx.ip());
      html(
          ctx,
          401,
          resource("login.html")
              .replace(
                  "{{error}}",
                  "<p class=\"error\" role=\"alert\">That token is not the operator token.</p>"));
      return;
    }
    auth.setSessionCookie(ctx, token.strip());
    ctx.redirect("/console", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void asset(Context ctx) {
    String file = ctx.pathParam("file");
    String type = ASSETS.get(file);
    if (type == null) {
      ctx.status(404).result("not found");
      return;
    }
    ctx.status(200)
        .contentType(type)
        .header("Cache-Control", "no-cache")
        .header("X-Content-Type-Options", "nosniff")
        .result(resource(file));
  }

  /** Runs after the API's token check: a bad {@code call} is 400, a full house 503. */
  private void checkWatch(Context ctx) {
    String call = ctx.queryParam("call");
    try {
      if (call != null && !call.isBlank()) {
        new CallId(call.strip());
      }
    } catch (IllegalArgumentException e) {
      ctx.status(400)
          .contentType("application/json")
          .result("{\"error\":{\"code\":\"bad_request\",\"message\":\"call is not a call id\"}}");
      ctx.skipRemainingHandlers();
      return;
    }
    if (hub.watchers() >= EventHub.MAX_WATCHERS) {
      ctx.status(503)
          .header("Retry-After", "10")
          .contentType("application/json")
          .result("{\"error\":{\"code\":\"too_many_watchers\",\"message\":\"try again later\"}}");
      ctx.skipRemainingHandlers();
    }
  }

  private void watch(SseClient client) {
    Context ctx = client.ctx();
    Optional<String> last =
        Optional.ofNullable(ctx.header("Last-Event-ID")).filter(s -> !s.isBlank());
    Optional<String> call =
        Optional.ofNullable(ctx.queryParam("call")).map(String::strip).filter(s -> !s.isEmpty());
    Optional<Watcher> watcher = hub.watch(new SseSink(client), last, call);
    if (watcher.isEmpty()) {
      client.close();
      return;
    }
    client.onClose(watcher.get()::close);
    client.keepAlive();
  }

  private static void html(Context ctx, int status, String body) {
    ctx.status(status)
        .contentType("text/html; charset=utf-8")
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-store")
        .result(body);
  }

  private static String resource(String name) {
    try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/" + name)) {
      if (in == null) {
        throw new IllegalStateException("console resource missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An SSE response as an {@link EventSink}. */
  private static final class SseSink implements EventSink {
    private final SseClient client;

    SseSink(SseClient client) {
      this.client = client;
    }

    @Override
    public boolean send(String name, String data, String id) {
      if (id == null) {
        client.sendEvent(name, data);
      } else {
        client.sendEvent(name, data, id);
      }
      return !client.terminated();
    }

    @Override
    public boolean heartbeat() {
      client.sendComment("keep-alive");
      return !client.terminated();
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
