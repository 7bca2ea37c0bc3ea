package dev.sipbridge.openai;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK {@link WebSocket} whose sends complete only when the test says so, or fail at once once
 * {@link #breakOutput()} was called.
 */
final class FakeWebSocket implements WebSocket {
  final List<String> texts = new CopyOnWriteArrayList<>();
  final List<CompletableFuture<WebSocket>> pendingTexts = new CopyOnWriteArrayList<>();
  final List<Integer> closes = new CopyOnWriteArrayList<>();
  volatile boolean aborted;
  volatile long requested;
  private volatile boolean broken;

  /** Every later send fails with an IOException, like a dead connection. */
  void breakOutput() {
    broken = true;
  }

  /** Completes the oldest pending text send. */
  void completeNextText() {
    pendingTexts.remove(0).complete(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
    if (broken) {
      return CompletableFuture.failedFuture(new IOException("Broken pipe"));
    }
    texts.add(data.toString());
    CompletableFuture<WebSocket> sent = new CompletableFuture<>();
    pendingTexts.add(sent);
    return sent;
  }

  @Override
  public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
    closes.add(statusCode);
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public void request(long n) {
    requested += n;
  }

  @Override
  public String getSubprotocol() {
    return "";
  }

  @Override
  public boolean isOutputClosed() {
    return !closes.isEmpty() || aborted;
  }

  @Override
  public boolean isInputClosed() {
    return aborted;
  }

  @Override
  public void abort() {
    aborted = true;
  }
}
