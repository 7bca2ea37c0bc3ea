package dev.sipbridge.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.contract.RecordingListener;
import dev.sipbridge.core.port.RealtimeChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The socket's bookkeeping, driven directly through the JDK listener methods. */
class RealtimeSocketTest {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor();

  private final FakeWebSocket ws = new FakeWebSocket();
  private final RecordingListener listener = new RecordingListener();

  @Test
  void sendsWhileOneIsPending_goOutOneAtATimeInOrder() {
    RealtimeSocket socket = started(listener);

    socket.send("a");
    socket.send("b");
    socket.send("c");

    assertThat(ws.texts).containsExactly("a");
    ws.completeNextText();
    assertThat(ws.texts).containsExactly("a", "b");
    ws.completeNextText();
    ws.completeNextText();
    assertThat(ws.texts).containsExactly("a", "b", "c");
    assertThat(listener.closes).isEmpty();
  }

  @Test
  void close_waitsForQueuedFramesThenSendsNormalClose() {
    RealtimeSocket socket = started(listener);
    socket.send("a");
    socket.send("b");

    socket.close();
    socket.send("ignored");

    assertThat(ws.closes).isEmpty();
    ws.completeNextText();
    ws.completeNextText();
    assertThat(ws.texts).containsExactly("a", "b");
    assertThat(ws.closes).containsExactly(1000);
  }

  @Test
  void serverNeverReadsAndQueueOverflows_abortsAbnormally() {
    RealtimeSocket socket = started(listener);
    String chunk = "x".repeat(64 * 1024);

    for (int i = 0; i < 20; i++) {
      socket.send(chunk);
    }

    assertThat(ws.aborted).isTrue();
    assertThat(listener.closes).hasSize(1);
    assertThat(listener.closes.get(0).normal()).isFalse();
    assertThat(listener.closes.get(0).reason()).contains("send queue");
  }

  @Test
  void sendFailsInsideOnText_closeDeliveredAfterOnTextReturned() {
    List<String> order = new CopyOnWriteArrayList<>();
    RealtimeSocket[] self = new RealtimeSocket[1];
    RealtimeChannel.Listener answering =
        new RealtimeChannel.Listener() {
          @Override
          public void onText(String frame) {
            order.add("text-start");
            self[0].send("{\"type\":\"response.create\"}");
            order.add("text-end");
          }

          @Override
          public void onClosed(int code, String reason, boolean normal) {
            order.add("closed " + code + " " + normal);
          }
        };
    self[0] = started(answering);
    ws.breakOutput();

    self[0].onText(ws, "{\"type\":\"session.created\"}", true);

    assertThat(order).containsExactly("text-start", "text-end", "closed 1006 false");
    assertThat(ws.aborted).isTrue();
  }

  @Test
  void listenerThrows_socketCarriesOn() {
    RealtimeSocket socket =
        started(
            new RealtimeChannel.Listener() {
              @Override
              public void onText(String frame) {
                throw new IllegalStateException("core bug");
              }

              @Override
              public void onClosed(int code, String reason, boolean normal) {
                listener.onClosed(code, reason, normal);
              }
            });
    long before = ws.requested;

    socket.onText(ws, "{}", true);

    assertThat(ws.requested).isEqualTo(before + 1);
    assertThat(listener.closes).isEmpty();
  }

  @Test
  void partsOfOneMessage_deliveredOnceWhole() {
    RealtimeSocket socket = started(listener);

    socket.onText(ws, "{\"type\":", false);
    socket.onText(ws, "\"a\"", false);
    socket.onText(ws, "}", true);

    assertThat(listener.texts).containsExactly("{\"type\":\"a\"}");
  }

  @Test
  void closeAndErrorBothReported_onlyFirstReachesListener() {
    RealtimeSocket socket = started(listener);

    socket.onError(ws, new java.io.IOException("reset"));
    socket.onClose(ws, 1000, "late");

    assertThat(listener.closes).hasSize(1);
    assertThat(listener.closes.get(0).code()).isEqualTo(1006);
  }

  private RealtimeSocket started(RealtimeChannel.Listener target) {
    RealtimeSocket socket =
        new RealtimeSocket(
            "rtc_test", target, Duration.ofSeconds(30), Duration.ofSeconds(30), "sk-test", TIMER);
    socket.onOpen(ws);
    socket.startReading();
    return socket;
  }
}
