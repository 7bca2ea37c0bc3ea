package dev.sipbridge.core.port;

import dev.sipbridge.core.call.AgentProfile;
import dev.sipbridge.core.tool.Tool;
import java.util.List;
import java.util.Objects;

/** What the bridge answers an incoming call with: the agent and the tools it may use. */
public record AcceptRequest(AgentProfile profile, List<Tool> tools) {
  public AcceptRequest {
    Objects.requireNonNull(profile, "profile");
    tools = List.copyOf(tools);
  }
}
