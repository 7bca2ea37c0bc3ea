package dev.sipbridge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.contract.RecordingListener.Closed;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.port.RealtimeChannel;
import dev.sipbridge.core.port.RealtimeChannel.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RealtimeChannel} promises, run against the fake and the real adapter: open
 * completes with a live connection, or fails with an {@link AdapterException} ({@code notFound()}
 * when the call is gone); frames reach the listener in order, one at a time; sent frames leave in
 * order, also when sent from several threads; every close, by either side, is told exactly once
 * with the right {@code normal} flag; a send after close is ignored.
 */
public abstract class RealtimeChannelContract {
  /** Generous: real sockets deliver on their own threads, and CI machines are shared. */
  protected static final Duration PATIENCE = Duration.ofSeconds(30);

  /** The subject. */
  protected RealtimeChannel channel;

  /** A new channel under test whose peer is healthy and knows every call. */
  protected abstract RealtimeChannel newChannel();

  /** The peer refuses the next open with HTTP {@code status} (404: the call is gone). */
  protected abstract void peerRefusesNextOpen(int status);

  /** The peer sends {@code frame} on the call's open socket (waiting for its side to be there). */
  protected abstract void peerSends(CallId call, String frame);

  /** The peer ends the call's socket: a 1000 close frame when {@code normal}, else a bare drop. */
  protected abstract void peerCloses(CallId call, boolean normal);

  /** The text frames the peer received on the call's sockets, in arrival order. */
  protected abstract List<String> peerReceived(CallId call);

  @BeforeEach
  void createChannel() {
    channel = newChannel();
  }

  @Test
  void open_completesWithAConnectionThatCarriesFramesBothWays() {
    CallId call = new CallId("rtc_rc_open");
    RecordingListener listener = new RecordingListener();

    Connection connection = open(call, listener);
    connection.send(frame("from-bridge", 1));
    peerSends(call, frame("from-peer", 1));

    await().atMost(PATIENCE).until(() -> peerReceived(call).size() == 1);
    assertThat(peerReceived(call)).containsExactly(frame("from-bridge", 1));
    await().atMost(PATIENCE).until(() -> listener.texts.size() == 1);
    assertThat(listener.texts).containsExactly(frame("from-peer", 1));
  }

  @Test
  void burstFromThePeer_arrivesInOrderOneFrameAtATime() {
    CallId call = new CallId("rtc_rc_burst");
    RecordingListener listener = new RecordingListener();
    open(call, listener);
    List<String> burst = frames("burst", 300);

    burst.forEach(f -> peerSends(call, f));

    await().atMost(PATIENCE).until(() -> listener.texts.size() >= burst.size());
    assertThat(listener.texts).containsExactlyElementsOf(burst);
    assertThat(listener.maxConcurrent.get()).as("callbacks running at once").isEqualTo(1);
  }

  @Test
  void peerSendingFromSeveralThreads_listenerStillCalledOneAtATime() {
    CallId call = new CallId("rtc_rc_threads");
    RecordingListener listener = new RecordingListener();
    open(call, listener);
    List<List<String>> perThread =
        IntStream.range(0, 4).mapToObj(t -> frames("peer-thread-" + t, 50)).toList();

    CompletableFuture.allOf(
            perThread.stream()
                .map(fs -> CompletableFuture.runAsync(() -> fs.forEach(f -> peerSends(call, f))))
                .toArray(CompletableFuture[]::new))
        .orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS)
        .join();

    await().atMost(PATIENCE).until(() -> listener.texts.size() >= 200);
    assertThat(listener.maxConcurrent.get()).as("callbacks running at once").isEqualTo(1);
    for (List<String> fs : perThread) {
      assertThat(listener.texts.stream().filter(fs::contains).toList())
          .containsExactlyElementsOf(fs);
    }
  }

  @Test
  void sentFrames_leaveInTheOrderSent() {
    CallId call = new CallId("rtc_rc_send");
    Connection connection = open(call, new RecordingListener());
    List<String> sent = frames("send", 300);

    sent.forEach(connection::send);

    await().atMost(PATIENCE).until(() -> peerReceived(call).size() >= sent.size());
    assertThat(peerReceived(call)).containsExactlyElementsOf(sent);
  }

  @Test
  void sendFromSeveralThreads_eachThreadsOrderKept() {
    CallId call = new CallId("rtc_rc_send_threads");
    Connection connection = open(call, new RecordingListener());
    List<List<String>> perThread =
        IntStream.range(0, 4).mapToObj(t -> frames("bridge-thread-" + t, 50)).toList();

    CompletableFuture.allOf(
            perThread.stream()
                .map(fs -> CompletableFuture.runAsync(() -> fs.forEach(connection::send)))
                .toArray(CompletableFuture[]::new))
        .orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS)
        .join();

    await().atMost(PATIENCE).until(() -> peerReceived(call).size() >= 200);
    assertThat(peerReceived(call)).hasSize(200);
    for (List<String> fs : perThread) {
      assertThat(peerReceived(call).stream().filter(fs::contains).toList())
          .containsExactlyElementsOf(fs);
    }
  }

  @Test
  void close_isToldOnceAsNormal_andLaterSendsAreIgnored() {
    CallId call = new CallId("rtc_rc_close");
    RecordingListener listener = new RecordingListener();
    Connection connection = open(call, listener);

    connection.close();

    await().atMost(PATIENCE).until(() -> !listener.closes.isEmpty());
    assertThat(listener.closes)
        .extracting(Closed::code, Closed::normal)
        .containsExactly(tuple(1000, true));
    assertThatCode(
            () -> {
              connection.send(frame("late", 1));
              connection.close();
            })
        .doesNotThrowAnyException();
    assertThat(peerReceived(call)).doesNotContain(frame("late", 1));
    assertThat(listener.closes).hasSize(1);
  }

  @Test
  void peerClosesNormally_isToldAsNormal() {
    CallId call = new CallId("rtc_rc_peer_close");
    RecordingListener listener = new RecordingListener();
    open(call, listener);
    peerSends(call, frame("before-close", 1));

    peerCloses(call, true);

    await().atMost(PATIENCE).until(() -> !listener.closes.isEmpty());
    assertThat(listener.closes)
        .extracting(Closed::code, Closed::normal)
        .containsExactly(tuple(1000, true));
    assertThat(listener.texts).containsExactly(frame("before-close", 1));
  }

  @Test
  void peerDropsTheSocket_isToldAsAbnormal() {
    CallId call = new CallId("rtc_rc_drop");
    RecordingListener listener = new RecordingListener();
    open(call, listener);
    peerSends(call, frame("before-drop", 1));
    await().atMost(PATIENCE).until(() -> listener.texts.size() == 1);

    peerCloses(call, false);

    await().atMost(PATIENCE).until(() -> !listener.closes.isEmpty());
    assertThat(listener.closes).hasSize(1);
    assertThat(listener.closes.get(0).normal()).isFalse();
  }

  @Test
  void openOfAGoneCall_failsNotFound_andTheNextOpenWorks() {
    CallId call = new CallId("rtc_rc_gone");
    peerRefusesNextOpen(404);

    AdapterException e = openFailure(call);

    assertThat(e.notFound()).isTrue();
    assertThat(e.retryable()).isFalse();
    Connection connection = open(new CallId("rtc_rc_after_gone"), new RecordingListener());
    assertThat(connection).isNotNull();
  }

  @Test
  void openRefusedWith5xx_failsRetryable() {
    peerRefusesNextOpen(503);

    AdapterException e = openFailure(new CallId("rtc_rc_unavailable"));

    assertThat(e.retryable()).isTrue();
    assertThat(e.notFound()).isFalse();
  }

  @Test
  void twoCalls_framesStayOnTheirOwnSocket() {
    CallId a = new CallId("rtc_rc_a");
    CallId b = new CallId("rtc_rc_b");
    RecordingListener listenerA = new RecordingListener();
    RecordingListener listenerB = new RecordingListener();
    Connection connectionA = open(a, listenerA);
    Connection connectionB = open(b, listenerB);

    connectionA.send(frame("to-a", 1));
    connectionB.send(frame("to-b", 1));
    peerSends(a, frame("for-a", 1));
    peerSends(b, frame("for-b", 1));

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                listenerA.texts.size() == 1
                    && listenerB.texts.size() == 1
                    && peerReceived(a).size() == 1
                    && peerReceived(b).size() == 1);
    assertThat(listenerA.texts).containsExactly(frame("for-a", 1));
    assertThat(listenerB.texts).containsExactly(frame("for-b", 1));
    assertThat(peerReceived(a)).containsExactly(frame("to-a", 1));
    assertThat(peerReceived(b)).containsExactly(frame("to-b", 1));
  }

  /** Opens and waits for the connection. */
  protected Connection open(CallId call, RealtimeChannel.Listener listener) {
    return channel
        .open(call, listener)
        .toCompletableFuture()
        .orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS)
        .join();
  }

  private AdapterException openFailure(CallId call) {
    CompletableFuture<Connection> stage =
        channel
            .open(call, new RecordingListener())
            .toCompletableFuture()
            .orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    try {
      stage.join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(AdapterException.class);
      return (AdapterException) e.getCause();
    }
    throw new AssertionError("open of " + call + " succeeded");
  }

  private static String frame(String kind, int n) {
    return "{\"type\":\"contract." + kind + "\",\"n\":" + n + "}";
  }

  private static List<String> frames(String kind, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(frame(kind, i));
    }
    return out;
  }
}
