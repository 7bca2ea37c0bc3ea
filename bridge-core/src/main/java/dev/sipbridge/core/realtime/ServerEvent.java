package dev.sipbridge.core.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One event the realtime socket delivered, parsed once. Accessors take a field path and never
 * throw: a missing or mistyped field is simply absent.
 */
public final class ServerEvent {
  static final ObjectMapper JSON = new ObjectMapper();

  private final String type;
  private final JsonNode json;

  private ServerEvent(String type, JsonNode json) {
    this.type = type;
    this.json = json;
  }

  /** Parses a text frame; empty when it is not a JSON object with a string {@code type}. */
  public static Optional<ServerEvent> parse(String frame) {
    try {
      JsonNode node = JSON.readTree(frame);
      if (node == null || !node.isObject() || !node.path("type").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(new ServerEvent(node.get("type").asText(), node));
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Wraps an already parsed object (e.g. an item inside {@code response.output}). */
  static ServerEvent of(JsonNode node) {
    return new ServerEvent(node.path("type").asText(""), node);
  }

  public String type() {
    return type;
  }

  /** The text at {@code path}, if it is a string. */
  public Optional<String> text(String... path) {
    JsonNode n = at(path);
    return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
  }

  /** The number at {@code path}, if it is one. */
  public Optional<Long> number(String... path) {
    JsonNode n = at(path);
    return n.isNumber() ? Optional.of(n.asLong()) : Optional.empty();
  }

  /** Whether {@code path} holds a JSON null or nothing. */
  public boolean isNull(String... path) {
    JsonNode n = at(path);
    return n.isMissingNode() || n.isNull();
  }

  /** The objects of the array at {@code path}, each wrapped as an event-like view. */
  public List<ServerEvent> objects(String... path) {
    JsonNode n = at(path);
    List<ServerEvent> out = new ArrayList<>();
    if (n.isArray()) {
      for (JsonNode child : n) {
        if (child.isObject()) {
          out.add(of(child));
        }
      }
    }
    return out;
  }

  /** The object at {@code path} as a view, if it is an object. */
  public Optional<ServerEvent> object(String... path) {
    JsonNode n = at(path);
    return n.isObject() ? Optional.of(of(n)) : Optional.empty();
  }

  /** The raw JSON node; for the tool protocol, which hands arguments to handlers. */
  JsonNode json() {
    return json;
  }

  private JsonNode at(String... path) {
    JsonNode n = json;
    for (String p : path) {
      n = n.path(p);
    }
    return n;
  }

  @Override
  public String toString() {
    return "ServerEvent[" + type + "]";
  }
}
