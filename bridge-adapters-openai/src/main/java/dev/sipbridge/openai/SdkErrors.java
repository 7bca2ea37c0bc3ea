package dev.sipbridge.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import dev.sipbridge.core.port.AdapterException;
import java.util.Optional;

/**
 * Turns openai-java exceptions into {@link AdapterException}. The message is built here from the
 * status and OpenAI's {@code error.message}, scrubbed; the SDK exception is deliberately not kept
 * as the cause, because its message and body may echo request data.
 */
final class SdkErrors {
  static final String VENDOR = "openai";

  private SdkErrors() {}

  static AdapterException translate(String operation, RuntimeException e, String apiKey) {
    if (e instanceof OpenAIServiceException) {
      OpenAIServiceException se = (OpenAIServiceException) e;
      int status = se.statusCode();
      String detail = errorMessage(se.body()).orElse("no error message");
      return new AdapterException(
          VENDOR,
          operation,
          status,
          retryableStatus(status),
          Redaction.scrub(detail, apiKey),
          null);
    }
    boolean retryable = e instanceof OpenAIIoException || e instanceof OpenAIRetryableException;
    return new AdapterException(VENDOR, operation, 0, retryable, describe(e, apiKey), null);
  }

  /** Whether a request answered with {@code status} may succeed when sent again. */
  static boolean retryableStatus(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** The exception's kind plus its (and its cause's) scrubbed message: "timeout", "refused"... */
  static String describe(Throwable e, String apiKey) {
    StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
    if (e.getMessage() != null) {
      text.append(": ").append(e.getMessage());
    }
    Throwable cause = e.getCause();
    if (cause != null && cause != e) {
      text.append(" (").append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        text.append(": ").append(cause.getMessage());
      }
      text.append(')');
    }
    return Redaction.scrub(text.toString(), apiKey);
  }

  /** {@code error.message} of OpenAI's error body; the SDK hands over the body or its error. */
  private static Optional<String> errorMessage(JsonValue body) {
    JsonNode node = Json.tree(body);
    JsonNode message =
        node.path("error").isObject() ? node.path("error").path("message") : node.path("message");
    return message.isTextual() && !message.asText().isBlank()
        ? Optional.of(message.asText())
        : Optional.empty();
  }
}
