package dev.sipbridge.core.call;

/**
 * OpenAI's id of one SIP call ({@code rtc_...}): the key of every per-call path and of the
 * realtime socket.
 */
public record CallId(String value) {
  public CallId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("call id must not be blank, was: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
