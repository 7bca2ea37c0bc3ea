package dev.sipbridge.twilio;

import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.conference.Participant;
import com.twilio.rest.api.v2010.account.conference.ParticipantCreator;
import com.twilio.type.Endpoint;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Sip;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.CallTransfer;
import dev.sipbridge.core.port.ConferenceParticipant;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;

/**
 * {@link CallTransfer} through twilio-java's Participants API: {@code POST
 * {apiBaseUrl}/2010-04-01/Accounts/{sid}/Conferences/{name}/Participants.json} with basic auth and
 * the form fields {@code From}, {@code To}, {@code CallToken} (when present, byte for byte), {@code
 * Label} and {@code EarlyMedia=false}.
 *
 * <p>Blocks the calling thread for at most about twice {@link TwilioSettings#timeout()} (connect,
 * then answer). Thread-safe. Each request is sent exactly once: the SDK's own retry of 5xx answers
 * is switched off, because a repeated POST could ring the human twice. Every failure is thrown as
 * {@link AdapterException} (vendor {@code twilio}, operation {@code add participant}) with the HTTP
 * status (0 when Twilio never answered), whether trying again may help, and Twilio's error code and
 * text; never the Auth Token or a full phone number.
 */
public final class TwilioCallTransfer implements CallTransfer {
  static final String OPERATION = "add participant";
  private static final System.Logger LOG = System.getLogger(TwilioCallTransfer.class.getName());

  private final TwilioSettings settings;
  private final java.net.http.HttpClient http;
  private final TwilioFailures failures;

  /** Builds its own JDK HTTP client (HTTP/1.1, no redirects, connect timeout from settings). */
  public TwilioCallTransfer(TwilioSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .connectTimeout(settings.timeout())
            .build();
    this.failures = new TwilioFailures(settings.authToken());
  }

  @Override
  public String addParticipant(ConferenceParticipant participant) {
    Objects.requireNonNull(participant, "participant");
    String context = context(participant);
    // One transport (and so one SDK client) per call: it records this exchange's HTTP status.
    OneShotHttpClient transport =
        new OneShotHttpClient(http, settings.apiBaseUrl(), settings.timeout());
    TwilioRestClient client =
        new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
            .accountSid(settings.accountSid())
            .httpClient(transport)
            .build();
    // The 4-argument creator takes the AccountSid first, then the conference.
    ParticipantCreator creator =
        Participant.creator(
                settings.accountSid(),
                participant.conferenceName(),
                endpoint(participant.from()),
                endpoint(participant.to()))
            .setLabel(participant.label())
            .setEarlyMedia(false);
    participant.callToken().ifPresent(creator::setCallToken);
    participant
        .conferenceStatusCallback()
        .ifPresent(
            url ->
                creator
                    .setConferenceStatusCallback(url)
                    .setConferenceStatusCallbackEvent(List.of("join", "leave")));
    Participant created;
    try {
      created = creator.create(client);
    } catch (TwilioException e) {
      throw failures.translate(OPERATION, e, transport.status(), context);
    }
    String callSid = created == null ? null : created.getCallSid();
    if (callSid == null || callSid.isBlank()) {
      throw failures.unreadable(OPERATION, transport.status(), context);
    }
    LOG.log(
        Level.DEBUG,
        "Twilio added participant {0} as {1}{2}",
        participant.label(),
        callSid,
        context);
    return callSid;
  }

  /** A {@code sip:} URI dials a SIP endpoint; anything else is a phone number. */
  static Endpoint endpoint(String value) {
    if (value.regionMatches(true, 0, "sip:", 0, 4)) {
      return new Sip(value);
    }
    return new PhoneNumber(value);
  }

  private String context(ConferenceParticipant p) {
    return " (conference "
        + failures.scrub(p.conferenceName())
        + ", label '"
        + p.label()
        + "', to "
        + dev.sipbridge.core.sip.PhoneNumber.mask(p.to())
        + ")";
  }
}
