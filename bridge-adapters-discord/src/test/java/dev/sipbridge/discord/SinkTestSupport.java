package dev.sipbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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
    return line.contains(FakeDiscord.TOKEN);
  }

  /** The lines of every message Discord stored, in order. */
  List<String> storedLines() {
    return h.fake.stored().stream().flatMap(r -> Arrays.stream(r.content().split("\n")))
        .collect(Collectors.toList());
  }
}
