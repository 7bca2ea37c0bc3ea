package dev.sipbridge.twilio;

import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Conference;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The TwiML documents the voice route answers Twilio's incoming-call webhook with, built with
 * twilio-java's TwiML builders (which escape the text). Serve them as {@code text/xml}. Pure
 * functions: thread-safe, no I/O.
 */
public final class TwilioTwiml {
  /** The caller's participant label in the conference. */
  public static final String CUSTOMER_LABEL = "customer";

  private TwilioTwiml() {}

  /**
   * Puts the caller into the conference: {@code <Response><Dial><Conference
   * participantLabel="customer" startConferenceOnEnter="true" endConferenceOnExit="true"
   * statusCallback="..." statusCallbackEvent="join leave">NAME</Conference></Dial></Response>}. The
   * caller leaving ends the conference, so the human leg never outlives the call.
   *
   * @param conferenceName the conference's friendly name (the caller's {@code CallSid})
   * @param statusCallbackUrl absolute URL of the bridge's conference-events endpoint
   * @throws IllegalArgumentException when an argument is blank or the URL is not an absolute
   *     http(s) URI
   * @throws IllegalStateException when the SDK cannot render XML (a packaging fault)
   */
  public static String conference(String conferenceName, String statusCallbackUrl) {
    requireText("conferenceName", conferenceName);
    requireHttpUrl(statusCallbackUrl);
    Conference conference =
        new Conference.Builder(conferenceName)
            .participantLabel(CUSTOMER_LABEL)
            .startConferenceOnEnter(true)
            .endConferenceOnExit(true)
            .statusCallback(statusCallbackUrl)
            .statusCallbackEvents(List.of(Conference.Event.JOIN, Conference.Event.LEAVE))
            .build();
    Dial dial = new Dial.Builder().conference(conference).build();
    return render(new VoiceResponse.Builder().dial(dial).build());
  }

  /**
   * Says {@code message} and hangs up: {@code <Response><Say>message</Say><Hangup/></Response>}, so
   * a caller whose agent could not be reached is never left in silence.
   *
   * @throws IllegalArgumentException when the message is blank
   * @throws IllegalStateException when the SDK cannot render XML (a packaging fault)
   */
  public static String apologyAndHangUp(String message) {
    requireText("message", message);
    return render(
        new VoiceResponse.Builder()
            .say(new Say.Builder(message).build())
            .hangup(new Hangup.Builder().build())
            .build());
  }

  private static String render(VoiceResponse response) {
    try {
      return response.toXml();
    } catch (TwiMLException e) {
      throw new IllegalStateException("could not render TwiML: " + e.getMessage(), e);
    }
  }

  // The SDK silently drops a statusCallback it cannot parse as a URI; fail loudly instead.
  private static void requireHttpUrl(String url) {
    requireText("statusCallbackUrl", url);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("statusCallbackUrl is not a URI, was: " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "statusCallbackUrl must be an absolute http(s) URL, was: " + url);
    }
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank, was: " + value);
    }
  }
}
