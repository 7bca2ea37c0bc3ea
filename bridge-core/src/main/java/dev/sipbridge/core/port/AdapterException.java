package dev.sipbridge.core.port;

/**
 * A call to an outside service failed. Adapters turn every SDK or transport error into this, so
 * vendor exceptions never reach core. The message never contains a credential.
 */
public class AdapterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String vendor;
  private final String operation;
  private final int status;
  private final boolean retryable;

  /**
   * @param status the HTTP status the service answered, or 0 when there was no answer
   * @param retryable whether trying the same request again may succeed (5xx, timeouts)
   */
  public AdapterException(
      String vendor,
      String operation,
      int status,
      boolean retryable,
      String message,
      Throwable cause) {
    super(
        vendor
            + " "
            + operation
            + " failed"
            + (status > 0 ? " (HTTP " + status + ")" : "")
            + ": "
            + message,
        cause);
    this.vendor = vendor;
    this.operation = operation;
    this.status = status;
    this.retryable = retryable;
  }

  public String vendor() {
    return vendor;
  }

  public String operation() {
    return operation;
  }

  /** The HTTP status, or 0 when the service never answered. */
  public int status() {
    return status;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The service said the thing (e.g. the call) does not exist (any more). */
  public boolean notFound() {
    return status == 404;
  }
}
