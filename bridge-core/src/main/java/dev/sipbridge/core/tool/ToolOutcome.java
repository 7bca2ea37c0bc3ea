package dev.sipbridge.core.tool;

/** How one tool call ended; a metric label. */
public enum ToolOutcome {
  OK,
  FAILED,
  TIMEOUT,
  UNKNOWN_TOOL,
  BAD_ARGUMENTS;

  /** Lower-case label for metrics and logs. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
