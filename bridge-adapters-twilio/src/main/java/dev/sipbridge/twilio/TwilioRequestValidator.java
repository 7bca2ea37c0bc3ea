package dev.sipbridge.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;
import java.util.Objects;

/**
 * Checks Twilio's {@code X-Twilio-Signature} on a form-encoded webhook with twilio-java's {@link
 * RequestValidator}: HMAC-SHA1, keyed by the Auth Token, over the full URL Twilio called followed
 * by every form field as name + value, sorted by name. The SDK also tries the URL with and without
 * an explicit default port. Thread-safe, does not block, never throws.
 */
public final class TwilioRequestValidator {
  private final RequestValidator validator;

  /**
   * @param authToken the account's Auth Token
   * @throws IllegalArgumentException when the token is blank
   */
  public TwilioRequestValidator(String authToken) {
    if (authToken == null || authToken.isBlank()) {
      throw new IllegalArgumentException("authToken must not be blank");
    }
    this.validator = new RequestValidator(authToken);
  }

  /**
   * @param fullUrl the public URL exactly as configured in Twilio: scheme, host, port if any, path
   *     and query (behind a proxy: {@code PUBLIC_BASE_URL} + path + query)
   * @param formParams the POST form fields, already form-decoded once
   * @param signatureHeader the {@code X-Twilio-Signature} value
   * @return whether the signature matches; {@code false} for a missing or blank header, a missing
   *     URL, or anything the SDK cannot process
   */
  public boolean isValid(String fullUrl, Map<String, String> formParams, String signatureHeader) {
    if (signatureHeader == null || signatureHeader.isBlank() || fullUrl == null) {
      return false;
    }
    Map<String, String> params = formParams == null ? Map.of() : formParams;
    if (params.keySet().stream().anyMatch(Objects::isNull)) {
      return false;
    }
    try {
      return validator.validate(fullUrl, params, signatureHeader.trim());
    } catch (RuntimeException e) {
      // A malformed URL or parameter must read as "not signed by Twilio", never as a 500.
      return false;
    }
  }
}
