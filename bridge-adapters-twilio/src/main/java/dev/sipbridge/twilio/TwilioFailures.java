package dev.sipbridge.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.sip.PhoneNumber;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns twilio-java's exceptions into {@link AdapterException}s, the one place that knows them.
 *
 * <p>Messages keep Twilio's error code and text but never the Auth Token, and phone numbers in them
 * are masked (Twilio's 21211 text quotes the number). SDK exceptions are not attached as causes,
 * because their messages hold those numbers unmasked; a transport failure keeps its JDK cause,
 * which holds neither.
 */
final class TwilioFailures {
  static final String VENDOR = "twilio";
  // 7 to 15 digits standing alone: a phone number, not a digit run inside a CA.../CF... SID.
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w+])\\+?\\d{7,15}(?!\\w)");

  private final String authToken;

  TwilioFailures(String authToken) {
    this.authToken = authToken;
  }

  /**
   * @param status the HTTP status seen on the wire, 0 when Twilio never answered
   * @param context where it happened, already free of secrets and full numbers
   */
  AdapterException translate(String operation, TwilioException e, int status, String context) {
    if (e instanceof ApiException) {
      return fromApi(operation, (ApiException) e, status, context);
    }
    if (e instanceof ApiConnectionException && status == 0) {
      return new AdapterException(
          VENDOR, operation, 0, true, scrub(e.getMessage()) + context, e.getCause());
    }
    if (status > 0 && status < 400) {
      return unreadable(operation, status, context);
    }
    return new AdapterException(
        VENDOR, operation, status, retryable(status), scrub(e.getMessage()) + context, null);
  }

  /** Twilio said yes but its answer lacked what we need. */
  AdapterException unreadable(String operation, int status, String context) {
    // Not retryable: the leg may exist already, and a second try could dial it twice.
    return new AdapterException(
        VENDOR, operation, status, false, "Twilio's answer could not be read" + context, null);
  }

  private AdapterException fromApi(
      String operation, ApiException e, int wireStatus, String context) {
    int status = wireStatus > 0 ? wireStatus : orZero(e.getStatusCode());
    if (status > 0 && status < 400) {
      return unreadable(operation, status, context);
    }
    String detail;
    if (e.getCode() != null) {
      detail = "Twilio error " + e.getCode() + ": " + scrub(e.getMessage());
    } else if (status > 0) {
      // Empty body, an HTML page from a proxy, or JSON without a code: the status says it all.
      detail = "Twilio answered without an error code";
    } else {
      detail = scrub(e.getMessage());
    }
    boolean retryable = status > 0 && retryable(status);
    return new AdapterException(VENDOR, operation, status, retryable, detail + context, null);
  }

  static boolean retryable(int status) {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }

  /** Removes the Auth Token and masks phone numbers in text that came from Twilio or the SDK. */
  String scrub(String text) {
    if (text == null) {
      return "(no message)";
    }
    String clean = text.replace(authToken, "***");
    Matcher m = NUMBER.matcher(clean);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(PhoneNumber.mask(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
