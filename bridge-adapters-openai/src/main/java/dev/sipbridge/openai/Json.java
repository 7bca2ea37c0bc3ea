package dev.sipbridge.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.openai.core.JsonValue;

/** Reads SDK {@link JsonValue}s as Jackson trees (JsonValue's own accessors are raw-typed). */
final class Json {
  private Json() {}

  /** The value as a tree; a missing node when it is absent or not convertible. */
  static JsonNode tree(JsonValue value) {
    if (value == null) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = value.convert(JsonNode.class);
      return node == null ? MissingNode.getInstance() : node;
    } catch (RuntimeException e) {
      return MissingNode.getInstance();
    }
  }
}
