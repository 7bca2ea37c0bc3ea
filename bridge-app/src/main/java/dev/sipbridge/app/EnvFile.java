package dev.sipbridge.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file: {@code NAME=value} lines, {@code #} comments, optional {@code export
 * }, optional single or double quotes around the value.
 */
final class EnvFile {
  private EnvFile() {}

  /** The variables of {@code file}; empty when it does not exist. */
  static Map<String, String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(List.of(".env: cannot be read: " + e.getMessage()));
    }
  }

  static Map<String, String> parse(List<String> lines) {
    Map<String, String> vars = new HashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      vars.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
    }
    return vars;
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** The real environment over the file: a real variable wins. */
  static Map<String, String> merged(Map<String, String> environment, Path file) {
    Map<String, String> all = new HashMap<>(read(file));
    all.putAll(environment);
    return all;
  }
}
