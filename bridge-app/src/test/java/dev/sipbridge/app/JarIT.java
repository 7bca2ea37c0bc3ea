package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.store.CallRecord;
import dev.sipbridge.core.store.TokenPrices;
import dev.sipbridge.store.Database;
import dev.sipbridge.store.JdbcCallStore;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator runs it: its own process, configured by environment. */
class JarIT {
  private static final Path JAR =
      Path.of(System.getProperty("bridge.jar", "target/sip-realtime-bridge.jar"));
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void badConfiguration_exits2WithOneLineNamingTheVariables(@TempDir Path dir) throws Exception {
    Process p = start(dir, Map.of("PORT", "eighty", "OPENAI_API_KEY", "sk-SECRET-VALUE"));

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err.lines()).hasSize(1);
    assertThat(err).contains("OPENAI_WEBHOOK_SECRET", "PORT").doesNotContain("sk-SECRET-VALUE");
  }

  @Test
  void portInUse_exits2WithOneLineNamingThePort(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      ProcessBuilder pb =
          command(
              dir,
              Map.of(
                  "OPENAI_API_KEY",
                  "sk-it-key",
                  "OPENAI_WEBHOOK_SECRET",
                  WebhookSigner.randomSecret(),
                  "OPENAI_BASE_URL",
                  "http://127.0.0.1:9",
                  "PORT",
                  String.valueOf(port)));
      Process p = pb.redirectOutput(dir.resolve("out.log").toFile()).start();

      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      String out = Files.readString(dir.resolve("out.log"));
      assertThat(p.exitValue()).as(out + err).isEqualTo(2);
      assertThat(err.lines()).hasSize(1);
      assertThat(err).contains("port " + port, "PORT");
      assertThat(out + err).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void version_printsTheProjectsVersionFromTheJar(@TempDir Path dir) throws Exception {
    Process p = start(dir, Map.of(), "--version");

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    // The POM's version, which the test run sees as the module's own (bridge.version).
    assertThat(out.strip())
        .isEqualTo("sip-realtime-bridge " + System.getProperty("bridge.version"));
  }

  @Test
  void demo_printsTheWholeConversationAndExits0(@TempDir Path dir) throws Exception {
    Process p = start(dir, Map.of(), "demo");

    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains(
            "Caller: Hi, I'd like to check on an order I placed last week.",
            "Caller pressed 1",
            "all 7 lines arrived, in conversation order");
    // The demo's call is in the store (./data/calls.db) too, after the process is gone.
    try (JdbcCallStore store = storeIn(dir)) {
      CallRecord call = store.find(new CallId("rtc_demo0000000000000000000000001")).orElseThrow();
      assertThat(call.lines()).hasSize(7);
      assertThat(call.lines().get(1).text())
          .isEqualTo("Hi, I'd like to check on an order I placed last week.");
      assertThat(call.tools())
          .extracting(CallRecord.RecordedTool::name)
          .containsExactly("lookup_order");
      assertThat(call.endReason()).contains("CALLER_HUNG_UP");
    }
  }

  @Test
  void killedWithACallLive_theCallIsClosedOutAtTheNextStart(@TempDir Path dir) throws Exception {
    ConversationScript script =
        ConversationScript.builder()
            .awaitGreeting(false)
            .eventDelay(Duration.ofMillis(1))
            .caller("Hello, anyone there?")
            .agent("Yes, how can I help?")
            .stayOpen()
            .build();
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(script)) {
      String secret = WebhookSigner.randomSecret();
      Map<String, String> env =
          Map.of(
              "OPENAI_API_KEY",
              "sk-it-key",
              "OPENAI_WEBHOOK_SECRET",
              secret,
              "OPENAI_BASE_URL",
              openAi.baseUrl().toString(),
              "DRAIN_SECONDS",
              "0");
      int port = freePort();
      Process first = start(dir, with(env, "PORT", String.valueOf(port)));
      try (JdbcCallStore store = storeIn(dir)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> get(port, "/ready").statusCode() == 200);
        WebhookSigner signer = new WebhookSigner(secret);
        assertThat(
                signer.deliver(
                    http,
                    URI.create("http://127.0.0.1:" + port + "/openai/webhook"),
                    signer.incomingCall(
                        "rtc_jar2", WebhookSigner.sipHeaders("+14155550123", "+18005550100"))))
            .isEqualTo(200);
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> store.find(new CallId("rtc_jar2")).orElseThrow().lines().size() == 2);

        first.destroyForcibly(); // SIGKILL: no drain, no last words
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(store.find(new CallId("rtc_jar2")).orElseThrow().live()).isTrue();

        int port2 = freePort();
        Process second = start(dir, with(env, "PORT", String.valueOf(port2)));
        try {
          await()
              .atMost(Duration.ofSeconds(60))
              .ignoreExceptions()
              .until(() -> get(port2, "/ready").statusCode() == 200);
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> store.find(new CallId("rtc_jar2")).orElseThrow().endReason().isPresent());
          CallRecord call = store.find(new CallId("rtc_jar2")).orElseThrow();
          assertThat(call.endReason()).contains("BRIDGE_STOPPED");
          assertThat(call.lines())
              .extracting(CallRecord.RecordedLine::text)
              .containsExactly("Hello, anyone there?", "Yes, how can I help?");
        } finally {
          second.destroyForcibly();
        }
      } finally {
        first.destroyForcibly();
      }
    }
  }

  private static JdbcCallStore storeIn(Path dir) {
    return JdbcCallStore.open(
        Database.sqlite(dir.resolve("data")), "test", TokenPrices.GPT_REALTIME);
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(env);
    more.put(name, value);
    return more;
  }

  @Test
  void runningJar_answersASignedCallAndDrainsItOnSigterm(@TempDir Path dir) throws Exception {
    ConversationScript script =
        ConversationScript.builder()
            .awaitGreeting(false)
            .eventDelay(Duration.ofMillis(1))
            .caller("Hello, is this the support line?")
            .agent("It is. How can I help?")
            .stayOpen()
            .build();
    try (SimulatedOpenAi openAi = SimulatedOpenAi.start(script);
        SimulatedDiscord discord = SimulatedDiscord.start()) {
      String secret = WebhookSigner.randomSecret();
      int port = freePort();
      Process bridge =
          start(
              dir,
              Map.of(
                  "OPENAI_API_KEY",
                  "sk-it-key",
                  "OPENAI_WEBHOOK_SECRET",
                  secret,
                  "OPENAI_BASE_URL",
                  openAi.baseUrl().toString(),
                  "DISCORD_WEBHOOK_URL",
                  discord.webhookUrl().toString(),
                  "PORT",
                  String.valueOf(port),
                  "DRAIN_SECONDS",
                  "30",
                  "LOG_FORMAT",
                  "json"));
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> get(port, "/ready").statusCode() == 200);
        WebhookSigner signer = new WebhookSigner(secret);
        assertThat(
                signer.deliver(
                    http,
                    URI.create("http://127.0.0.1:" + port + "/openai/webhook"),
                    signer.incomingCall(
                        "rtc_jar1",
                        WebhookSigner.sipHeaders(
                            "sip:+14155550123@sip.twilio.com", "sip:+18005550100@sip.twilio.com"))))
            .isEqualTo(200);
        SimulatedCall call = openAi.call("rtc_jar1");
        List<String> expected =
            List.of("Caller: Hello, is this the support line?", "Agent: It is. How can I help?");
        await().atMost(Duration.ofSeconds(20)).until(() -> lines(discord).equals(expected));
        assertThat(discord.contents().get(0)).contains("rtc_jar1");

        bridge.destroy(); // SIGTERM
        await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(() -> get(port, "/ready").statusCode() == 503);
        assertThat(bridge.isAlive()).isTrue();
        call.closeNormally();

        assertThat(bridge.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bridge.exitValue()).isZero();
        assertThat(discord.contents().get(discord.contents().size() - 1))
            .startsWith("Transcript of call rtc_jar1");
        String log = Files.readString(dir.resolve("out.log"));
        assertThat(log).contains("\"call_id\":\"rtc_jar1\"").doesNotContain("sk-it-key");
        // the start-up warm-up ran (issue 12) and stayed on its own simulators and logs
        assertThat(log).contains("synthetic calls on 127.0.0.1").doesNotContain("rtc_warmup");
        assertThat(discord.contents()).noneMatch(c -> c.contains("rtc_warmup"));
        assertThat(openAi.requests()).noneMatch(r -> r.path().contains("rtc_warmup"));
      } finally {
        bridge.destroyForcibly();
      }
    }
  }

  /** The live lines posted so far (several may share a message), without the announcement. */
  private static List<String> lines(SimulatedDiscord discord) {
    List<String> contents = discord.contents();
    return contents.stream()
        .skip(1)
        .flatMap(c -> c.lines())
        .collect(java.util.stream.Collectors.toList());
  }

  private Process start(Path dir, Map<String, String> env, String... args) throws IOException {
    ProcessBuilder pb = command(dir, env, args);
    if (args.length == 0 && env.containsKey("PORT") && env.containsKey("OPENAI_WEBHOOK_SECRET")) {
      pb.redirectOutput(dir.resolve("out.log").toFile());
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    return pb.start();
  }

  /** The jar with {@code args}, in {@code dir}, with only {@code env} (and PATH, HOME). */
  private static ProcessBuilder command(Path dir, Map<String, String> env, String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new java.util.ArrayList<>(List.of(java, "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
    pb.environment().putAll(env);
    return pb;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
