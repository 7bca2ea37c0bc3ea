package dev.sipbridge.openai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.internal.ws.RealWebSocket;
import okio.ByteString;

/** The server side of one realtime socket on MockWebServer: plays frames, records what came. */
final class FakeRealtimeServer extends WebSocketListener {
  final List<String> received = new CopyOnWriteArrayList<>();
  final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
  private final Consumer<WebSocket> onOpen;
  private final boolean answerClose;
  volatile WebSocket socket;

  /** Pings the server answered so far (MockWebServer's socket answers them itself). */
  int pings() {
    WebSocket ws = socket;
    return ws instanceof RealWebSocket ? ((RealWebSocket) ws).receivedPingCount() : 0;
  }

  FakeRealtimeServer(Consumer<WebSocket> onOpen, boolean answerClose) {
    this.onOpen = onOpen;
    this.answerClose = answerClose;
  }

  static FakeRealtimeServer quiet() {
    return new FakeRealtimeServer(ws -> {}, true);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    socket = webSocket;
    onOpen.accept(webSocket);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    received.add(text);
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    received.add("binary:" + bytes.size());
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    closeCodes.add(code);
    if (answerClose) {
      webSocket.close(code, null);
    }
  }
}
