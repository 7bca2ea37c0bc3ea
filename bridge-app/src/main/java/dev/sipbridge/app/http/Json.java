package dev.sipbridge.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Small JSON response bodies. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * {@code {"key": value, ...}} from alternating keys and values (strings, numbers, or maps and
   * booleans, which become JSON objects and booleans).
   */
  static String object(Object... keysAndValues) {
    ObjectNode node = MAPPER.createObjectNode();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      String key = String.valueOf(keysAndValues[i]);
      Object value = keysAndValues[i + 1];
      if (value instanceof Map || value instanceof Boolean) {
        node.set(key, MAPPER.valueToTree(value));
      } else if (value instanceof Number) {
        node.put(key, ((Number) value).longValue());
      } else {
        node.put(key, String.valueOf(value));
      }
    }
    return node.toString();
  }
}
