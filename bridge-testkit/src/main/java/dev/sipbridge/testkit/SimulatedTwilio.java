package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An in-process stand-in for Twilio's Participants API (reference Part A2) on 127.0.0.1: {@code
 * POST /2010-04-01/Accounts/{sid}/Conferences/{conference}/Participants.json}, what a warm transfer
 * dials. Like Twilio it needs HTTP Basic auth with the account's SID and auth token (else 401),
 * {@code From} and {@code To} (else 400), and answers 201 with the participant's JSON; failures
 * carry Twilio's error body. Records every request. Thread-safe.
 */
public final class SimulatedTwilio implements AutoCloseable {
  private static final String PARTICIPANTS =
      "/2010-04-01/Accounts/{sid}/Conferences/{conference}/Participants.json";

  /**
   * One participant request as it arrived.
   *
   * @param conference the conference named in the path
   * @param form the form fields, decoded, in order
   * @param status the status the simulator answered
   */
  public record Participant(String conference, Map<String, String> form, int status) {
    public Participant {
      form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
    }

    /** The form field {@code name}, if sent. */
    public Optional<String> field(String name) {
      return Optional.ofNullable(form.get(name));
    }
  }

  private final String accountSid;
  private final String authToken;
  private final List<Participant> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong callSids = new AtomicLong();
  private final Javalin app;

  private SimulatedTwilio(String accountSid, String authToken) {
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.app = SimServer.start(this::routes);
  }

  /** Starts a Twilio account {@code accountSid} ({@code AC...}) with {@code authToken}. */
  public static SimulatedTwilio start(String accountSid, String authToken) {
    return new SimulatedTwilio(accountSid, authToken);
  }

  /** {@code http://127.0.0.1:<port>}: the value for {@code TWILIO_API_BASE_URL}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + app.port());
  }

  /** Every participant request so far, in arrival order (failed ones included). */
  public List<Participant> participants() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The first participant request labelled {@code label}, if any. */
  public Optional<Participant> participant(String label) {
    return participants().stream().filter(p -> label.equals(p.form().get("Label"))).findFirst();
  }

  /** The next {@code times} participant requests answer {@code status} with a Twilio error. */
  public void failNext(int status, int times) {
    failWhen(p -> true, status, times);
  }

  /**
   * The next {@code times} participant requests that {@code match} (e.g. by label) answer {@code
   * status} with a Twilio error.
   */
  public void failWhen(Predicate<Participant> match, int status, int times) {
    failures.add(new Failure(match, status, new AtomicInteger(times)));
  }

  @Override
  public void close() {
    app.stop();
  }

  private void routes(JavalinConfig config) {
    config.routes.post(PARTICIPANTS, this::participant);
  }

  private void participant(Context ctx) {
    Map<String, String> form = form(ctx.body());
    String conference = ctx.pathParam("conference");
    int status = answer(ctx, conference, form);
    requests.add(new Participant(conference, form, status));
  }

  private int answer(Context ctx, String conference, Map<String, String> form) {
    if (!ctx.pathParam("sid").equals(accountSid) || !authorized(ctx.header("Authorization"))) {
      return error(ctx, 401, 20003, "Authenticate");
    }
    Participant asked = new Participant(conference, form, 0);
    for (Failure failure : failures) {
      if (failure.match().test(asked) && failure.remaining().getAndDecrement() > 0) {
        return error(ctx, failure.status(), codeOf(failure.status()), "Simulated failure");
      }
    }
    for (String required : new String[] {"From", "To"}) {
      if (form.getOrDefault(required, "").isBlank()) {
        return error(ctx, 400, 21604, "A '" + required + "' phone number is required.");
      }
    }
    String callSid = String.format("CA%032x", callSids.incrementAndGet());
    ObjectNode body =
        SimJson.object()
            .put("account_sid", accountSid)
            .put("call_sid", callSid)
            .put("conference_sid", String.format("CF%032x", conference.hashCode() & 0xffffffffL))
            .put("label", form.getOrDefault("Label", ""))
            .put("status", "queued")
            .put("muted", false)
            .put("hold", false)
            .put("coaching", false)
            .put("end_conference_on_exit", false)
            .put("start_conference_on_enter", true)
            .put("queue_time", "0")
            .put(
                "uri",
                ctx.path().replace("Participants.json", "Participants/" + callSid + ".json"));
    ctx.status(201).contentType("application/json").result(body.toString());
    return 201;
  }

  /** Twilio's error code for a status the test asked for (reference A2.3). */
  private static int codeOf(int status) {
    return switch (status) {
      case 401 -> 20003;
      case 404 -> 20404;
      case 429 -> 20429;
      case 400 -> 21211;
      default -> 20500;
    };
  }

  private boolean authorized(String header) {
    String expected =
        Base64.getEncoder()
            .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    return header != null && header.equals("Basic " + expected);
  }

  /** Twilio's error body: {@code code}, {@code message}, {@code more_info}, {@code status}. */
  private static int error(Context ctx, int status, int code, String message) {
    ObjectNode body =
        SimJson.object()
            .put("code", code)
            .put("message", message)
            .put("more_info", "https://www.twilio.com/docs/errors/" + code)
            .put("status", status);
    ctx.status(status).contentType("application/json").result(body.toString());
    return status;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
    }
    return fields;
  }

  private record Failure(Predicate<Participant> match, int status, AtomicInteger remaining) {}
}
