package dev.sipbridge.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.util.Promise;

/**
 * The parts of a {@code multipart/form-data} body that was already read in full (the request log
 * keeps the raw body, so the servlet's own part parsing has nothing left to read).
 */
final class FormParts {
  /** One part: its file name (empty for a plain field) and its content as UTF-8. */
  record Part(String fileName, String text) {}

  private FormParts() {}

  /** The parts by name, or empty when the body is not well-formed multipart. */
  static Optional<Map<String, Part>> parse(String contentType, byte[] body) {
    String boundary = MultiPart.extractBoundary(contentType);
    if (boundary == null) {
      return Optional.empty();
    }
    MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
    parser.setMaxMemoryFileSize(body.length); // the whole body is in memory already: no files
    CompletableFuture<MultiPartFormData.Parts> parsed = new CompletableFuture<>();
    parser.parse(
        new ByteBufferContentSource(ByteBuffer.wrap(body)), Promise.Invocable.toPromise(parsed));
    try (MultiPartFormData.Parts parts = parsed.get()) {
      Map<String, Part> byName = new HashMap<>();
      for (MultiPart.Part part : parts) {
        String fileName = part.getFileName() == null ? "" : part.getFileName();
        byName.putIfAbsent(
            part.getName(), new Part(fileName, part.getContentAsString(StandardCharsets.UTF_8)));
      }
      return Optional.of(byName);
    } catch (ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
