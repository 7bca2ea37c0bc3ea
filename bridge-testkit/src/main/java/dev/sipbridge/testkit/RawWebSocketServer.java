package dev.sipbridge.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * A one-connection RFC 6455 server on 127.0.0.1 for what MockWebServer cannot do: drop the TCP
 * connection without a close frame (how OpenAI's socket ends when the caller hangs up, reference
 * §3.5), or never answer a ping.
 */
public final class RawWebSocketServer implements AutoCloseable {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  public enum Mode {
    /** Sends one text frame, waits for one client frame, then closes the TCP connection. */
    DROP_AFTER_CLIENT_FRAME,
    /** Sends one text frame, then reads and ignores everything: never a pong. */
    SILENT
  }

  private final ServerSocket serverSocket;

  public RawWebSocketServer(Mode mode, String firstText) throws IOException {
    serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> serveOnce(mode, firstText), "raw-websocket-server");
    thread.setDaemon(true);
    thread.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + "/v1");
  }

  private void serveOnce(Mode mode, String firstText) {
    try (Socket socket = serverSocket.accept()) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      String accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest((webSocketKey(in) + GUID).getBytes(StandardCharsets.US_ASCII)));
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                  + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] payload = firstText.getBytes(StandardCharsets.UTF_8);
      out.write(0x81); // FIN + text, unmasked
      out.write(payload.length); // tests send short texts (< 126 bytes)
      out.write(payload);
      out.flush();
      if (mode == Mode.DROP_AFTER_CLIENT_FRAME) {
        skipFrame(in); // read it whole, so closing sends a FIN rather than a reset
      } else {
        while (in.read() >= 0) {
          // ignore pings and everything else until the client gives up
        }
      }
    } catch (Exception e) {
      // the client went away: nothing left to serve
    }
  }

  private static void skipFrame(DataInputStream in) throws IOException {
    in.readUnsignedByte(); // FIN + opcode
    int length = in.readUnsignedByte() & 0x7f; // client frames are masked: 4 mask bytes follow
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      throw new IOException("test frames are short");
    }
    in.readFully(new byte[4 + length]);
  }

  private static String webSocketKey(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("client closed during handshake");
      }
      head.write(b);
    }
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    throw new IOException("no Sec-WebSocket-Key");
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
  }
}
