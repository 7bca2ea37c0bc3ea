package dev.sipbridge.app;

import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
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
  private final TestBridgeComponent fakes;

  private RunningBridge(
      WebhookSigner signer, Bridge bridge, Path dataDir, TestBridgeComponent fakes) {
    this.signer = signer;
    this.bridge = bridge;
    this.dataDir = dataDir;
    this.fakes = fakes;
  }

  /**
   * Starts the bridge with the minimal environment plus {@code extra} variables; its calls are
   * recorded in a SQLite file of its own unless {@code extra} says otherwise.
   */
  static RunningBridge start(
      SimulatedOpenAi openAi, Map<String, String> extra, Extensions extensions) {
    String secret = WebhookSigner.randomSecret();
    Path dataDir = tempDir();
    Map<String, String> env = env(secret, dataDir, extra);
    env.put("OPENAI_BASE_URL", openAi.baseUrl().toString());
    return new RunningBridge(
        new WebhookSigner(secret),
        Bridge.start(BridgeConfig.fromEnv(env), extensions),
        dataDir,
        null);
  }

  /**
   * Starts the bridge with fake adapters ({@link #fakes()}): webhooks are verified by the fake
   * verifier, so tell it what each delivery is; nothing leaves the process.
   */
  static RunningBridge withFakeAdapters(Map<String, String> extra, Extensions extensions) {
    String secret = WebhookSigner.randomSecret();
    Path dataDir = tempDir();
    Map<String, String> vars = new HashMap<>();
    vars.put("DRAIN_SECONDS", "0"); // calls on fake sockets never end by themselves
    vars.putAll(extra);
    BridgeConfig config = BridgeConfig.fromEnv(env(secret, dataDir, vars));
    TestBridgeComponent fakes = DaggerTestBridgeComponent.factory().create(config, extensions);
    return new RunningBridge(
        new WebhookSigner(secret), Bridge.start(config, fakes), dataDir, fakes);
  }

  /** The minimal environment, a data directory of its own, plus {@code extra}. */
  private static Map<String, String> env(String secret, Path dataDir, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("OPENAI_API_KEY", API_KEY);
    env.put("OPENAI_WEBHOOK_SECRET", secret);
    env.put("PORT", "0");
    env.put("DRAIN_SECONDS", "5");
    env.putAll(extra);
    return env;
  }

  /** The fake adapters of a bridge started {@link #withFakeAdapters}. */
  TestBridgeComponent fakes() {
    if (fakes == null) {
      throw new IllegalStateException("this bridge runs the real adapters");
    }
    return fakes;
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + bridge.port() + path);
  }

  /** Signs and delivers a {@code realtime.call.incoming}; returns the HTTP status. */
  int callArrives(String callId, List<Map.Entry<String, String>> sipHeaders) {
    return signer.deliver(http, url("/openai/webhook"), signer.incomingCall(callId, sipHeaders));
  }

  int callArrives(String callId) {
    return callArrives(
        callId,
        WebhookSigner.sipHeaders(
            "sip:+14155550123@sip.twilio.com", "sip:+18005550100@sip.twilio.com"));
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
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
