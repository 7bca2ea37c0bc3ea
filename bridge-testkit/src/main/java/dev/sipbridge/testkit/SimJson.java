package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The simulators' shared JSON mapper and lenient parsing. */
final class SimJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private SimJson() {}

  /** A new empty object. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The text as a JSON object; empty when it is not one. */
  static Optional<JsonNode> parseObject(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
