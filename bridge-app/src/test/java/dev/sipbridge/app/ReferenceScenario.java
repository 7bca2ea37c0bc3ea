package dev.sipbridge.app;

import dev.sipbridge.testkit.SimulatedCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server events for one call, taken from the hand-written sequences in {@code
 * src/test/resources/reference/} (see its README) with their {@code {{placeholders}}} filled in.
 * They go to the bridge as raw frames, so the bridge's own script builder plays no part.
 */
final class ReferenceScenario {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  private final List<String> frames = new ArrayList<>();

  /** Appends the events of {@code reference/<name>.jsonl}, with {@code values} filled in. */
  ReferenceScenario add(String name, Map<String, String> values) {
    for (String line : read(name).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(line);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = values.get(m.group(1));
        if (value == null) {
          throw new IllegalArgumentException(name + " needs a value for " + m.group());
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      frames.add(out.toString());
    }
    return this;
  }

  /** A caller turn (§4.1): item {@code u} after {@code previous} (null: the first item). */
  ReferenceScenario callerTurn(String u, String previous) {
    return add(
        "caller-turn", Map.of("u", u, "prev", previous == null ? "null" : "\"" + previous + "\""));
  }

  /** The caller turn's transcription completing with {@code text}. */
  ReferenceScenario callerTranscript(String u, String text) {
    return add("caller-transcript", Map.of("u", u, "callerText", text));
  }

  /** Reply {@code a} of response {@code r} to {@code u}, generated whole, audio still playing. */
  ReferenceScenario agentSpeaks(String r, String a, String u, String text) {
    return add("agent-speaks", Map.of("r", r, "a", a, "u", u, "agentText", text));
  }

  /** The reply's audio played to the end. */
  ReferenceScenario audioStopped(String r, String a) {
    return add("audio-stopped", Map.of("r", r, "a", a));
  }

  /** The events played so far, in order. */
  List<String> frames() {
    return List.copyOf(frames);
  }

  /** Sends every event to the bridge on {@code call}'s socket, in order, and forgets them. */
  void playOn(SimulatedCall call) {
    frames.forEach(call::send);
    frames.clear();
  }

  private static String read(String name) {
    String path = "/reference/" + name + ".jsonl";
    try (InputStream in = ReferenceScenario.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
