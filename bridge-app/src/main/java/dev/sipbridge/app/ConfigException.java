package dev.sipbridge.app;

import java.util.List;

/** The configuration is unusable; the message names every bad variable, never a secret value. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One entry per bad variable, each starting with the variable's name. */
  public List<String> problems() {
    return problems;
  }
}
