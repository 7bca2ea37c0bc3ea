package dev.sipbridge.app;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads typed values from environment variables, collecting a problem per bad variable instead of
 * failing at the first. Problem texts name the variable and never echo a secret's value.
 */
final class EnvReader {
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  /** The value if set and not blank. */
  Optional<String> optional(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** Whether the variable is present at all, even empty. */
  boolean isSet(String name) {
    return env.containsKey(name);
  }

  String raw(String name) {
    return env.getOrDefault(name, "");
  }

  String required(String name) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      problem(name, "is required");
      return "";
    }
    return v.get();
  }

  String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  int integer(String name, int fallback, int min, int max) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < min || n > max) {
        problem(name, "must be between " + min + " and " + max + ", was " + n);
        return fallback;
      }
      return n;
    } catch (NumberFormatException e) {
      problem(name, "must be a whole number, was '" + v.get() + "'");
      return fallback;
    }
  }

  boolean bool(String name, boolean fallback) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return fallback;
    }
    switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
        return true;
      case "false":
      case "0":
      case "no":
        return false;
      default:
        problem(name, "must be true or false, was '" + v.get() + "'");
        return fallback;
    }
  }

  /** An absolute http(s) URL. {@code secret}: the value is not echoed in the problem. */
  Optional<URI> url(String name, boolean secret) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String shown = secret ? "" : ", was '" + v.get() + "'";
    try {
      URI uri = new URI(v.get());
      String scheme =
          uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        problem(name, "must be an absolute http(s) URL" + shown);
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (java.net.URISyntaxException e) {
      problem(name, "is not a valid URL" + shown);
      return Optional.empty();
    }
  }

  /** The value, if it passes {@code test}; else a problem saying what was expected. */
  Optional<String> matching(String name, Predicate<String> test, String expected) {
    Optional<String> v = optional(name);
    if (v.isPresent() && !test.test(v.get())) {
      problem(name, "must be " + expected + ", was '" + v.get() + "'");
      return Optional.empty();
    }
    return v;
  }

  void problem(String name, String what) {
    problems.add(name + " " + what);
  }

  /** Throws one {@link ConfigException} naming every bad variable, if there was any. */
  void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
