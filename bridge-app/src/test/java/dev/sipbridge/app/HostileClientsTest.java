package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that abuse the public webhook port (issue 13): bodies trickled a byte a second, too many
 * connections from one address, call ids that are not OpenAI's. The bridge keeps answering, drops
 * each such client with one log line and counts it in {@code /metrics}. Everything runs on
 * 127.0.0.1 and stops by itself.
 */
class HostileClientsTest {
  private static final int TRICKLERS = 300;

  /** Far longer than a webhook takes, far shorter than the tricklers would hold on. */
  private static final Duration NORMAL = Duration.ofSeconds(5);

  private static final String CALL = "rtc_hostile0000000000000000000001";

  private final SimulatedOpenAi openAi =
      SimulatedOpenAi.start(
          ConversationScript.builder()
              .awaitGreeting(false)
              .eventDelay(Duration.ofMillis(1))
              .caller("Hello?")
              .agent("Hi.")
              .callerHangsUp()
              .build());
  private final LogCapture logs = new LogCapture();
  private final List<Socket> sockets = new ArrayList<>();
  private RunningBridge bridge;

  @AfterEach
  void stop() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    if (bridge != null) {
      bridge.close();
    }
    openAi.close();
    logs.close();
  }

  @Test
  void hundredsOfTricklingBodies_webhookAndHealthAnsweredInNormalTime() throws Exception {
    // the per-address limit is the other test's; here every trickler gets in
    bridge =
        RunningBridge.start(
            openAi, Map.of("HTTP_MAX_CONNECTIONS_PER_ADDRESS", "1000"), Extensions.none());
    for (int i = 0; i < TRICKLERS; i++) {
      Socket s = new Socket("127.0.0.1", bridge.bridge.port());
      sockets.add(s);
      s.getOutputStream()
          .write(
              ("POST /openai/webhook HTTP/1.1\r\nHost: bridge\r\n"
                      + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                  .getBytes(StandardCharsets.US_ASCII));
    }
    Thread trickle = new Thread(this::trickleOneByteASecond, "trickle");
    trickle.start();
    try {
      Thread.sleep(500); // every trickler is in, waiting for its next byte

      WebhookSigner.SignedWebhook hook =
          bridge.signer.incomingCall(
              CALL, WebhookSigner.sipHeaders("sip:+14155550123@x", "sip:+18005550100@x"));
      HttpRequest.Builder webhook =
          HttpRequest.newBuilder(bridge.url("/openai/webhook"))
              .timeout(NORMAL)
              .POST(HttpRequest.BodyPublishers.ofByteArray(hook.body()));
      hook.headers().forEach(webhook::header);
      assertThat(
              bridge.http.send(webhook.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
      assertThat(
              bridge
                  .http
                  .send(
                      HttpRequest.newBuilder(bridge.url("/health")).timeout(NORMAL).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);

      await().atMost(Duration.ofSeconds(30)).until(() -> dropped("slow_body") == TRICKLERS);
    } finally {
      trickle.interrupt();
      trickle.join();
    }
    assertThat(logs.lines("dropped client"))
        .hasSize(TRICKLERS)
        .allMatch(line -> line.contains("127.0.0.1") && line.contains("bytes/s"));
    assertThat(logs.withStackTraces()).isEmpty();
  }

  @Test
  void clientGoneMidBody_oneLineNoStackTrace() throws Exception {
    bridge = RunningBridge.start(openAi, Map.of(), Extensions.none());
    try (Socket s = new Socket("127.0.0.1", bridge.bridge.port())) {
      s.getOutputStream()
          .write(
              ("POST /openai/webhook HTTP/1.1\r\nHost: bridge\r\n"
                      + "Content-Length: 1000\r\n\r\n{\"type\":")
                  .getBytes(StandardCharsets.US_ASCII));
      Thread.sleep(200);
    }

    await().until(() -> dropped("gone") == 1);
    assertThat(logs.lines("dropped client"))
        .containsExactly(
            "dropped client 127.0.0.1"
                + " (POST /openai/webhook): went away before its body was complete");
    assertThat(logs.withStackTraces()).isEmpty();
    assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void tooManyConnectionsFromOneAddress_extraOnesClosedOthersServed() throws Exception {
    bridge =
        RunningBridge.start(
            openAi, Map.of("HTTP_MAX_CONNECTIONS_PER_ADDRESS", "5"), Extensions.none());
    for (int i = 0; i < 6; i++) {
      Socket socket = new Socket("127.0.0.1", bridge.bridge.port());
      socket.setSoTimeout(100);
      sockets.add(socket);
    }
    // The server may take the six in any order (several selectors): exactly one of them, not
    // necessarily the last opened, is closed by the bridge; the other five stay open.
    Set<Socket> closed = new HashSet<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              for (Socket s : sockets) {
                if (!closed.contains(s) && closedByPeer(s)) {
                  closed.add(s);
                }
              }
              return !closed.isEmpty();
            });
    assertThat(closed).as("closed by the bridge").hasSize(1);
    await().until(() -> dropped("too_many_connections") == 1);
    assertThat(logs.lines("dropped client"))
        .containsExactly("dropped client 127.0.0.1: over 5 open connections from that address");

    for (Socket s : sockets) {
      closeQuietly(s);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> bridge.get("/health").statusCode() == 200);
    assertThat(logs.withStackTraces()).isEmpty();
  }

  @Test
  void malformedCallIds_are400_loggedOnceEscaped_neverSentOn() {
    bridge = RunningBridge.start(openAi, Map.of(), Extensions.none());
    List<String> ids =
        List.of(
            "rtc_1\r\n2026-12-03T12:00:00Z INFO forged line",
            "rtc_" + "a".repeat(10_000),
            "rtc_../../calls",
            "..",
            "rtc_1/../x");

    for (String id : ids) {
      assertThat(bridge.callArrives(id)).as(CallId.printable(id)).isEqualTo(400);
    }

    assertThat(openAi.requests()).isEmpty();
    List<String> rejected = logs.lines("malformed data.call_id");
    assertThat(rejected).hasSize(ids.size());
    assertThat(rejected.get(0)).contains("\"rtc_1\\u000d\\u000a2026-12-03T12:00:00Z INFO");
    assertThat(rejected.get(1)).contains("(10004 chars)");
    assertThat(logs.events())
        .extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(m -> m.contains("rtc_"))
        .allMatch(m -> !m.contains("\r") && !m.contains("\n") && m.length() < 400);
  }

  /** Sends one more body byte on every trickling socket each second, until interrupted. */
  private void trickleOneByteASecond() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(1000);
        for (Socket s : sockets) {
          try {
            OutputStream out = s.getOutputStream();
            out.write(' ');
            out.flush();
          } catch (IOException dropped) {
            // the bridge let go of this one
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code bridge_http_clients_dropped_total{reason}} (read in-process: HTTP may be full). */
  private long dropped(String reason) {
    String metrics = bridge.bridge.metrics();
    Matcher m =
        Pattern.compile(
                "bridge_http_clients_dropped_total\\{reason=\"" + reason + "\",?\\} ([0-9.]+)")
            .matcher(metrics);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** Whether the bridge closed this idle connection (end of stream) rather than holding it. */
  private static boolean closedByPeer(Socket socket) {
    try {
      return socket.getInputStream().read() == -1;
    } catch (java.net.SocketTimeoutException e) {
      return false; // still open
    } catch (java.io.IOException e) {
      return true; // reset by the bridge
    }
  }
}
