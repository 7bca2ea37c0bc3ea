package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.store.CallRecord;
import dev.sipbridge.core.store.CallRecord.RecordedLine;
import dev.sipbridge.core.store.StoreEvents;
import dev.sipbridge.core.store.TokenPrices;
import dev.sipbridge.core.tool.Tool;
import dev.sipbridge.core.tool.ToolResult;
import dev.sipbridge.store.Database;
import dev.sipbridge.store.JdbcCallStore;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedDiscord;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls through the real bridge end up in its SQLite store, even when the store is stuck. */
class CallStoreEndToEndTest {
  private static final String CALL = "rtc_store0000000000000000000000001";
  private static final Tool LOOKUP =
      Tool.of(
          "lookup_order",
          "Look up an order",
          "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}}}",
          c -> ToolResult.ok("{\"status\":\"shipped\"}"));

  @TempDir Path dataDir;
  private final ConversationScript script =
      ConversationScript.demo().withEventDelay(Duration.ofMillis(1));
  private final SimulatedOpenAi openAi = SimulatedOpenAi.start(script);
  private final SimulatedDiscord discord = SimulatedDiscord.start();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    openAi.close();
    discord.close();
  }

  @Test
  void call_isRecordedWithItsLinesInOrderItsToolAndItsEnd_andSurvivesARestart() {
    RunningBridge bridge = startBridge();

    assertThat(bridge.callArrives(CALL, WebhookSigner.sipHeaders("+14155550123", "+18005550100")))
        .isEqualTo(200);
    assertThat(openAi.call(CALL).awaitEnd(Duration.ofSeconds(30))).isEqualTo(1000);
    bridge.close();

    JdbcCallStore reopened = open();
    CallRecord call = reopened.find(new CallId(CALL)).orElseThrow();
    assertThat(rendered(call)).containsExactlyElementsOf(script.expectedLines());
    assertThat(call.caller()).isEqualTo("+14155550123");
    assertThat(call.called()).isEqualTo("+18005550100");
    assertThat(call.route()).isEqualTo("trunk");
    assertThat(call.acceptedAt()).isPresent();
    assertThat(call.socketOpenAt()).isPresent();
    assertThat(call.endReason()).contains("CALLER_HUNG_UP");
    assertThat(call.tools())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.name()).isEqualTo("lookup_order");
              assertThat(t.arguments()).isEqualTo("{\"order_id\":\"42\"}");
              assertThat(t.result()).isEqualTo("{\"status\":\"shipped\"}");
              assertThat(t.outcome()).isEqualTo("ok");
            });
    assertThat(call.usage().inputAudio() + call.usage().outputAudio()).isPositive();
    assertThat(call.usage().estimatedCostUsd()).isPositive();
  }

  @Test
  void storeStuck_callAndDiscordLinesGoOn_thenTheStoreCatchesUp() throws Exception {
    RunningBridge bridge = startBridge();
    try (Connection lock = DriverManager.getConnection(Database.sqlite(dataDir).jdbcUrl());
        Statement st = lock.createStatement()) {
      // Another writer holds the file: every write of the bridge waits, then fails busy.
      st.execute("BEGIN EXCLUSIVE");

      assertThat(bridge.callArrives(CALL)).isEqualTo(200);
      SimulatedCall call = openAi.call(CALL);
      assertThat(call.awaitEnd(Duration.ofSeconds(30))).isEqualTo(1000);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  discord.contents().stream()
                      .anyMatch(c -> c.contains("Transcript") || c.startsWith("Full transcript")));
      assertThat(String.join("\n", discord.contents()))
          .contains(script.expectedLines().get(script.expectedLines().size() - 1));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> metric(bridge, "bridge_store_retries_total") >= 1);
      assertThat(metric(bridge, "bridge_store_backlog")).isPositive();

      st.execute("ROLLBACK");
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> metric(bridge, "bridge_store_backlog") == 0);
    assertThat(metric(bridge, "bridge_store_events_dropped_total")).isZero();
    assertThat(metric(bridge, "bridge_store_events_written_total")).isPositive();
    bridge.close();
    CallRecord call = open().find(new CallId(CALL)).orElseThrow();
    assertThat(rendered(call)).containsExactlyElementsOf(script.expectedLines());
    assertThat(call.endReason()).contains("CALLER_HUNG_UP");
  }

  @Test
  void databaseDownFromTheStart_theBridgeStartsAndCallsGoOn() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    RunningBridge bridge =
        startBridge(
            Map.of("DATABASE_URL", "postgresql://bridge:pw@127.0.0.1:" + closedPort + "/calls"));

    assertThat(bridge.callArrives(CALL)).isEqualTo(200);
    assertThat(openAi.call(CALL).awaitEnd(Duration.ofSeconds(30))).isEqualTo(1000);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                discord.contents().stream()
                    .anyMatch(c -> c.contains("Transcript") || c.startsWith("Full transcript")));
    assertThat(String.join("\n", discord.contents())).contains(script.expectedLines().get(1));
    assertThat(metric(bridge, "bridge_store_backlog")).isPositive();
    assertThat(metric(bridge, "bridge_store_retries_total")).isPositive();
  }

  @Test
  void callLeftLiveByAStoppedBridge_isClosedOutAtTheNextStart() {
    JdbcCallStore store = open();
    store.write(List.of(StoreEvents.started("rtc_crashed", StoreEvents.T0)));
    assertThat(store.find(new CallId("rtc_crashed")).orElseThrow().live()).isTrue();

    startBridge();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> store.find(new CallId("rtc_crashed")).orElseThrow().endReason().isPresent());
    assertThat(store.find(new CallId("rtc_crashed")).orElseThrow().endReason())
        .contains("BRIDGE_STOPPED");
  }

  private RunningBridge startBridge() {
    return startBridge(Map.of());
  }

  private RunningBridge startBridge(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("DISCORD_WEBHOOK_URL", discord.webhookUrl().toString());
    env.put("DISCORD_MIN_INTERVAL_MS", "0");
    env.put("WELCOME_MESSAGE", script.greeting().orElseThrow());
    env.put("TRANSCRIPT_ORDER_WAIT_MS", "3000");
    env.putAll(extra);
    RunningBridge bridge =
        RunningBridge.start(openAi, env, new Extensions(List.of(), List.of(LOOKUP)));
    closing.add(bridge);
    return bridge;
  }

  private JdbcCallStore open() {
    JdbcCallStore store =
        JdbcCallStore.open(Database.sqlite(dataDir), "test", TokenPrices.GPT_REALTIME);
    closing.add(store);
    return store;
  }

  /** The lines as Discord shows them: {@code Caller: ...}, {@code Caller pressed 1}. */
  private static List<String> rendered(CallRecord call) {
    List<String> lines = new ArrayList<>();
    for (RecordedLine l : call.lines()) {
      String who = l.speaker().substring(0, 1).toUpperCase(Locale.ROOT) + l.speaker().substring(1);
      lines.add(
          l.kind().equals("keypress")
              ? who + " pressed " + l.text()
              : who + ": " + l.text() + (l.interrupted() ? " [interrupted]" : ""));
    }
    return lines;
  }

  /** The sum of a metric's samples in the bridge's Prometheus text. */
  private static double metric(RunningBridge bridge, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(bridge.bridge.metrics());
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
      found = true;
    }
    if (!found) {
      throw new AssertionError(name + " is not in /metrics");
    }
    return sum;
  }
}
