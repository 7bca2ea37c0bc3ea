package dev.sipbridge.core.transcript;

/** Who said a line. */
public enum Speaker {
  CALLER("Caller"),
  AGENT("Agent");

  private final String label;

  Speaker(String label) {
    this.label = label;
  }

  /** {@code Caller} or {@code Agent}, as lines are written. */
  public String label() {
    return label;
  }
}
