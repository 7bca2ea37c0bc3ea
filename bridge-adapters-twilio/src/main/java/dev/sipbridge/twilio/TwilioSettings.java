package dev.sipbridge.twilio;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The Twilio slice of the bridge's configuration.
 *
 * @param accountSid the account SID ({@code AC...}); basic-auth user and path segment
 * @param authToken the account's Auth Token; basic-auth password and webhook signing key. Secret:
 *     {@link #toString()} masks it
 * @param apiBaseUrl base of Twilio REST ({@code TWILIO_API_BASE_URL}); {@code null} means {@link
 *     #DEFAULT_API_BASE_URL}. Tests point it at a local fake
 * @param timeout bound on connecting and on waiting for Twilio's answer; {@code null} means {@link
 *     #DEFAULT_TIMEOUT}
 * @throws IllegalArgumentException when a value is blank, not an absolute http(s) URL, or not a
 *     positive duration
 */
public record TwilioSettings(
    String accountSid, String authToken, URI apiBaseUrl, Duration timeout) {
  public static final URI DEFAULT_API_BASE_URL = URI.create("https://api.twilio.com");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public TwilioSettings {
    if (accountSid == null || accountSid.isBlank()) {
      throw new IllegalArgumentException("accountSid must not be blank, was: " + accountSid);
    }
    if (authToken == null || authToken.isBlank()) {
      // The value itself is never echoed: it is a secret even when malformed.
      throw new IllegalArgumentException("authToken must not be blank");
    }
    apiBaseUrl = apiBaseUrl == null ? DEFAULT_API_BASE_URL : apiBaseUrl;
    String scheme = apiBaseUrl.getScheme() == null ? "" : apiBaseUrl.getScheme();
    scheme = scheme.toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || apiBaseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "apiBaseUrl must be an absolute http(s) URL, was: " + apiBaseUrl);
    }
    if (apiBaseUrl.getRawQuery() != null || apiBaseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "apiBaseUrl must not have a query or fragment, was: " + apiBaseUrl);
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, was: " + timeout);
    }
  }

  /** Settings with the public API base URL and the default timeout. */
  public TwilioSettings(String accountSid, String authToken) {
    this(accountSid, authToken, null, null);
  }

  @Override
  public String toString() {
    return "TwilioSettings[accountSid="
        + accountSid
        + ", authToken=***, apiBaseUrl="
        + apiBaseUrl
        + ", timeout="
        + timeout
        + "]";
  }
}
