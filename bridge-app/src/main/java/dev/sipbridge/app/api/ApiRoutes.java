package dev.sipbridge.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.lifecycle.OperatorActions;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.store.CallRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api} (SPEC §5): the call history from the {@link CallStore}, and the operator's actions
 * on live calls through {@link OperatorActions}. Every request needs the operator token (or the
 * console's cookie): 401 without it; a bad id, filter or body is 400; an action on a call that is
 * not live here is 404; a store that is down is 503.
 */
public final class ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

  /** The console's requests carry it; a cross-site form cannot, so cookie-only POSTs need it. */
  public static final String CONSOLE_HEADER = "X-Requested-With";

  private final OperatorAuth auth;
  private final CallStore store;
  private final Supplier<CallLifecycle> lifecycle;

  public ApiRoutes(OperatorAuth auth, CallStore store, Supplier<CallLifecycle> lifecycle) {
    this.auth = auth;
    this.store = store;
    this.lifecycle = lifecycle;
  }

  public void register(RoutesConfig routes) {
    routes.before("/api/*", this::authorise);
    routes.before("/api", this::authorise);
    routes.get(
        "/api/calls",
        guard(ctx -> json(ctx, 200, CallJson.page(store.search(CallSearch.from(ctx))).toString())));
    routes.get(
        "/api/calls/{id}",
        guard(
            ctx -> {
              Optional<CallRecord> r = store.find(callId(ctx));
              if (r.isEmpty()) {
                notFound(ctx);
              } else {
                json(ctx, 200, CallJson.record(r.get()).toString());
              }
            }));
    routes.get(
        "/api/calls/{id}/transcript",
        guard(
            ctx -> {
              Optional<CallRecord> r = store.find(callId(ctx));
              if (r.isEmpty()) {
                notFound(ctx);
              } else {
                ctx.status(200)
                    .contentType("text/plain; charset=utf-8")
                    .result(CallJson.transcript(r.get()));
              }
            }));
    routes.post(
        "/api/calls/{id}/hangup",
        guard(
            ctx -> {
              if (operator().hangUp(callId(ctx))) {
                json(ctx, 202, "{\"status\":\"hanging_up\"}");
              } else {
                notLive(ctx);
              }
            }));
    routes.post("/api/calls/{id}/transfer", guard(this::transfer));
    routes.post(
        "/api/calls/{id}/say",
        guard(
            ctx -> {
              CallId id = callId(ctx);
              String instruction = instruction(ctx.body());
              if (operator().say(id, instruction)) {
                json(ctx, 202, "{\"status\":\"told\"}");
              } else {
                notLive(ctx);
              }
            }));
  }

  private void transfer(Context ctx) {
    switch (operator().transfer(callId(ctx))) {
      case NOT_LIVE:
        notLive(ctx);
        break;
      case NO_TARGET:
        error(
            ctx,
            409,
            "no_transfer_target",
            "no transfer is possible for this call: set"
                + " TRANSFER_TARGET, or HUMAN_AGENT_NUMBER with the Twilio voice route");
        break;
      case WARM_STARTED:
        json(ctx, 202, "{\"status\":\"transferring\",\"kind\":\"warm\"}");
        break;
      default:
        json(ctx, 202, "{\"status\":\"transferring\",\"kind\":\"cold\"}");
        break;
    }
  }

  private void authorise(Context ctx) {
    boolean byCookie = ctx.header("Authorization") == null;
    boolean fromConsole = ctx.header(CONSOLE_HEADER) != null;
    if (!auth.allows(ctx) || (byCookie && !"GET".equals(ctx.method().name()) && !fromConsole)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"sip-realtime-bridge\"");
      error(ctx, 401, "unauthorized", "send Authorization: Bearer <OPERATOR_TOKEN>");
      ctx.skipRemainingHandlers();
    }
  }

  private OperatorActions operator() {
    return lifecycle.get().operator();
  }

  private static CallId callId(Context ctx) {
    return new CallId(ctx.pathParam("id"));
  }

  /** {@code {"instruction": "..."}}; the text's own rules are OperatorActions'. */
  private static String instruction(String body) {
    JsonNode root;
    try {
      root = CallJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body must be JSON: {\"instruction\": \"...\"}");
    }
    if (root == null || !root.path("instruction").isTextual()) {
      throw new IllegalArgumentException("the body must be JSON: {\"instruction\": \"...\"}");
    }
    return root.get("instruction").asText();
  }

  /** Maps the outcomes every handler shares: bad input 400, a store that is down 503. */
  private static Handler guard(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (IllegalArgumentException e) {
        error(ctx, 400, "bad_request", e.getMessage());
      } catch (AdapterException e) {
        LOG.warn("operator API: the call store failed: {}", e.getMessage());
        error(ctx, 503, "store_unavailable", "the call store is not available; try again");
      }
    };
  }

  private static void notFound(Context ctx) {
    error(ctx, 404, "not_found", "no such call");
  }

  private static void notLive(Context ctx) {
    error(ctx, 404, "not_live", "no live call with this id on this bridge");
  }

  private static void error(Context ctx, int status, String code, String message) {
    json(ctx, status, CallJson.error(code, message).toString());
  }

  private static void json(Context ctx, int status, String body) {
    ctx.status(status).contentType("application/json").result(body);
  }
}
