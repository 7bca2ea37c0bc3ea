package dev.sipbridge.app;

import dev.sipbridge.app.sim.SimulatedOpenAi;
import dev.sipbridge.app.sim.WebhookSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The real bridge on port 0, wired as in production, pointed at simulators on 127.0.0.1. */
final class RunningBridge implements AutoCloseable {
  static final String API_KEY = "sk-test-KEY-0123456789";

  final WebhookSigner signer;
  final HttpClient http = HttpClient.newHttpClient();
  final Bridge bridge;
  private final Path dataDir;

  private RunningBridge(WebhookSigner signer, Bridge bridge, Path dataDir) {
    this.signer = signer;
    this.bridge = bridge;
    this.dataDir = dataDir;
  }

  /**
   * Starts the bridge with the minimal environment plus {@code extra} variables; its calls are
   * recorded in a SQLite file of its own unless {@code extra} says otherwise.
   */
  static RunningBridge start(SimulatedOpenAi openAi, Map<String, String> extra,
      Extensions extensions) {
    String secret = WebhookSigner.randomSecret();
    Path dataDir = tempDir();
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("OPENAI_API_KEY", API_KEY);
    env.put("OPENAI_WEBHOOK_SECRET", secret);
    env.put("OPENAI_BASE_URL", openAi.baseUrl().toString());
    env.put("PORT", "0");
    env.put("DRAIN_SECONDS", "5");
    env.putAll(extra);
    return new RunningBridge(new WebhookSigner(secret),
        Bridge.start(BridgeConfig.fromEnv(env), extensions), dataDir);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + bridge.port() + path);
  }

  /** Signs and delivers a {@code realtime.call.incoming}; returns the HTTP status. */
  int callArrives(String callId, List<Map.Entry<String, String>> sipHeaders) {
    return signer.deliver(http, url("/openai/webhook"), signer.incomingCall(callId, sipHeaders));
  }

  int callArrives(String callId) {
    return callArrives(callId, WebhookSigner.sipHeaders(
        "sip:+14155550123@sip.twilio.com", "sip:+18005550100@sip.twilio.com"));
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    bridge.shutdown();
    deleteQuietly(dataDir);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("bridge-data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the OS cleans it up
    }
  }
}
