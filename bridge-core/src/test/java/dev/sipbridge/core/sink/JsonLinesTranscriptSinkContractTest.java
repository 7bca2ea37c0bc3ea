package dev.sipbridge.core.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipbridge.core.contract.TranscriptSinkContract;
import dev.sipbridge.core.port.DeliveryObserver;
import dev.sipbridge.core.port.TranscriptSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JsonLinesTranscriptSink} keeps {@link TranscriptSink}'s contract; its peer is the disk.
 */
class JsonLinesTranscriptSinkContractTest extends TranscriptSinkContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Override
  protected TranscriptSink newSink() {
    return new JsonLinesTranscriptSink(dir, Clock.systemUTC(), DeliveryObserver.NONE);
  }

  /**
   * Every call's file, record by record: start and end as text with the call id, lines rendered.
   */
  @Override
  protected List<String> receivedText() {
    List<String> text = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        for (String record : Files.readAllLines(file)) {
          JsonNode r = JSON.readTree(record);
          switch (r.path("type").asText()) {
            case "call_started" -> text.add("Call " + r.path("call_id").asText() + " started");
            case "line" -> text.add(r.path("line").asText());
            case "call_ended" -> text.add("Call " + r.path("call_id").asText() + " ended");
            default -> throw new AssertionError("unknown record: " + record);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text;
  }
}
