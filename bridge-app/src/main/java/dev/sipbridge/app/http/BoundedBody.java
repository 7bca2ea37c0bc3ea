package dev.sipbridge.app.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/** Reads a request body up to a limit, without reading past it. */
final class BoundedBody {
  private BoundedBody() {}

  /** The body's bytes, or empty when it is larger than {@code limit}. */
  static Optional<byte[]> read(Context ctx, int limit) throws IOException {
    String declared = ctx.header("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          return Optional.empty();
        }
      } catch (NumberFormatException ignored) {
        // Jetty rejects a malformed length itself; count the bytes below anyway.
      }
    }
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] buf = in.readNBytes(limit + 1);
      return buf.length > limit ? Optional.empty() : Optional.of(Arrays.copyOf(buf, buf.length));
    }
  }
}
