package dev.sipbridge.core.tool;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools offered to the agent, by name; immutable once built. */
public final class ToolRegistry {
  private final Map<String, Tool> tools;
  private final List<Tool> ordered;

  public ToolRegistry(Collection<Tool> tools) {
    Map<String, Tool> byName = new LinkedHashMap<>();
    for (Tool t : tools) {
      if (byName.putIfAbsent(t.name(), t) != null) {
        throw new IllegalArgumentException("two tools are named " + t.name());
      }
    }
    this.tools = Map.copyOf(byName);
    this.ordered = List.copyOf(byName.values());
  }

  public static ToolRegistry empty() {
    return new ToolRegistry(List.of());
  }

  public Optional<Tool> find(String name) {
    return Optional.ofNullable(name == null ? null : tools.get(name));
  }

  /** Every tool, in registration order; goes into the accept payload. */
  public List<Tool> all() {
    return ordered;
  }
}
