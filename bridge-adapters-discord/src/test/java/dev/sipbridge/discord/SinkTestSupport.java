package dev.sipbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.testkit.SimulatedDiscord;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared lifecycle of the sink tests: captured logs start empty, the test's {@link Harness} is
 * closed afterwards, and no log line may give a secret away.
 */
abstract class SinkTestSupport {
  /** Set by each test; closed after it. */
  Harness h;

  @BeforeEach
  void clearLogs() {
    CapturingLoggerFinder.clear();
  }

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
    assertThat(CapturingLoggerFinder.lines()).noneMatch(this::leaks);
  }

  /** Whether a log line gives a secret away; by default, whether it holds the webhook token. */
  boolean leaks(String line) {
    return line.contains(SimulatedDiscord.TOKEN);
  }

  /** The lines of every message Discord stored, in order. */
  List<String> storedLines() {
    return h.fake.messages().stream()
        .flatMap(m -> Arrays.stream(m.content().split("\n")))
        .collect(Collectors.toList());
  }

  /** The {@code content} of every message Discord stored, in order. */
  List<String> contents() {
    return h.fake.contents();
  }

  /** The posts answered 429 (the tests that count them script no 429 of their own). */
  int rateLimited() {
    return Collections.frequency(h.fake.statuses(), 429);
  }

  static JsonNode json(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new AssertionError("body is not JSON: " + body, e);
    }
  }
}
