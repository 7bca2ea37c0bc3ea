package dev.sipbridge.app.http;

import dev.sipbridge.core.lifecycle.WarmTransfer;
import dev.sipbridge.twilio.TwilioRequestValidator;
import dev.sipbridge.twilio.TwilioTwiml;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio voice route (SPEC §2): {@code POST /twilio/voice} and {@code POST
 * /twilio/conference-events}, both signed with {@code X-Twilio-Signature}.
 */
public final class TwilioRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioRoutes.class);
  static final String VOICE = "/twilio/voice";
  static final String CONFERENCE_EVENTS = "/twilio/conference-events";
  static final String APOLOGY =
      "Sorry, we cannot take your call right now. Please try again in a few minutes. Goodbye.";

  private final WarmTransfer warmTransfer;
  private final TwilioRequestValidator validator;
  private final String publicBaseUrl;
  private final Executor workers;

  /**
   * @param publicBaseUrl the bridge's URL as Twilio calls it, without a trailing slash
   */
  public TwilioRoutes(
      WarmTransfer warmTransfer,
      TwilioRequestValidator validator,
      String publicBaseUrl,
      Executor workers) {
    this.warmTransfer = warmTransfer;
    this.validator = validator;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    this.workers = workers;
  }

  /** The public URL of the conference status callback. */
  public static String conferenceEventsUrl(String publicBaseUrl) {
    return publicBaseUrl.replaceAll("/+$", "") + CONFERENCE_EVENTS;
  }

  public void register(RoutesConfig routes) {
    routes.post(VOICE, this::voice);
    routes.post(CONFERENCE_EVENTS, this::conferenceEvent);
  }

  private void voice(Context ctx) {
    Map<String, String> form = form(ctx);
    if (!signed(ctx, form)) {
      return;
    }
    String callSid = form.getOrDefault("CallSid", "");
    if (callSid.isBlank() || callSid.contains("/")) {
      ctx.status(400).result("missing CallSid");
      return;
    }
    boolean agentDialled =
        warmTransfer.callArrived(
            callSid, form.getOrDefault("From", ""), form.getOrDefault("CallToken", ""));
    String twiml =
        agentDialled
            ? TwilioTwiml.conference(callSid, conferenceEventsUrl(publicBaseUrl))
            : TwilioTwiml.apologyAndHangUp(APOLOGY);
    ctx.status(200).contentType("text/xml").result(twiml);
  }

  private void conferenceEvent(Context ctx) {
    Map<String, String> form = form(ctx);
    if (!signed(ctx, form)) {
      return;
    }
    ctx.status(204);
    workers.execute(
        () ->
            warmTransfer.conferenceEvent(
                form.getOrDefault("StatusCallbackEvent", ""),
                form.getOrDefault("FriendlyName", ""),
                form.getOrDefault("ParticipantLabel", ""),
                form.getOrDefault("ParticipantCallStatus", "")));
  }

  private boolean signed(Context ctx, Map<String, String> form) {
    String query = ctx.queryString();
    String url = publicBaseUrl + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    if (validator.isValid(url, form, ctx.header("X-Twilio-Signature"))) {
      return true;
    }
    LOG.warn("Twilio request to {} rejected: bad or missing signature", ctx.path());
    ctx.status(403).result("invalid signature");
    return false;
  }

  private static Map<String, String> form(Context ctx) {
    Map<String, String> form = new HashMap<>();
    for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
      if (!e.getValue().isEmpty()) {
        form.put(e.getKey(), e.getValue().get(0));
      }
    }
    return form;
  }
}
