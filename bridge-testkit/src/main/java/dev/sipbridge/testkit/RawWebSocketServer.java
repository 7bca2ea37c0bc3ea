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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenAI's realtime socket at the frame level: a one-connection RFC 6455 server on 127.0.0.1 for
 * what a WebSocket server library does for you and the platform may not: drop the TCP connection
 * without a close frame (how OpenAI's socket ends when the caller hangs up, reference §3.5), never
 * answer a ping or a close, or count the pings it answered. Any path upgrades; {@link #baseUrl()}
 * is the value for {@code OPENAI_BASE_URL}. Records the client's text frames and close codes.
 */
public final class RawWebSocketServer implements AutoCloseable {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int TEXT = 0x1;
  private static final int CLOSE = 0x8;
  private static final int PING = 0x9;
  private static final int PONG = 0xA;

  /** How the server behaves after the handshake and its first text frame. */
  public enum Mode {
    /** Waits for one client frame, then closes the TCP connection without a close frame. */
    DROP_AFTER_CLIENT_FRAME,
    /** Reads and records everything, answers nothing: never a pong, never a close. */
    SILENT,
    /** Answers every ping with a pong and a close with a close, like a healthy peer. */
    ANSWER_PINGS
  }

  private final ServerSocket serverSocket;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
  private final AtomicInteger pings = new AtomicInteger();

  /**
   * Starts listening; the first connection is served in the background.
   *
   * @param firstText a text frame sent right after the handshake; empty: none
   */
  public RawWebSocketServer(Mode mode, String firstText) throws IOException {
    serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> serveOnce(mode, firstText), "raw-websocket-server");
    thread.setDaemon(true);
    thread.start();
  }

  /** {@code http://127.0.0.1:<port>/v1}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + "/v1");
  }

  /** The client's text frames so far, in order. */
  public List<String> received() {
    return List.copyOf(received);
  }

  /** The status codes of the close frames the client sent. */
  public List<Integer> closeCodes() {
    return List.copyOf(closeCodes);
  }

  /** The pings the client sent so far. */
  public int pings() {
    return pings.get();
  }

  private void serveOnce(Mode mode, String firstText) {
    try (Socket socket = serverSocket.accept()) {
      socket.setTcpNoDelay(true); // a pong must not wait for the client's delayed ACK
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
      if (!firstText.isEmpty()) {
        writeFrame(out, TEXT, firstText.getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
      if (mode == Mode.DROP_AFTER_CLIENT_FRAME) {
        readFrame(in); // read it whole, so closing sends a FIN rather than a reset
        return;
      }
      while (true) {
        Frame frame = readFrame(in);
        if (mode == Mode.ANSWER_PINGS && frame.opcode() == PING) {
          writeFrame(out, PONG, frame.payload());
        } else if (mode == Mode.ANSWER_PINGS && frame.opcode() == CLOSE) {
          writeFrame(out, CLOSE, frame.payload());
          return;
        }
      }
    } catch (Exception e) {
      // the client went away: nothing left to serve
    }
  }

  private record Frame(int opcode, byte[] payload) {}

  /** Reads one client frame (masked, RFC 6455 §5.2) and records what it says. */
  private Frame readFrame(DataInputStream in) throws IOException {
    int opcode = in.readUnsignedByte() & 0x0f;
    long length = in.readUnsignedByte() & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    if (length > 16 * 1024 * 1024) {
      throw new IOException("frame too large for a test: " + length);
    }
    byte[] mask = new byte[4];
    in.readFully(mask);
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i % 4];
    }
    if (opcode == TEXT) {
      received.add(new String(payload, StandardCharsets.UTF_8));
    } else if (opcode == CLOSE && payload.length >= 2) {
      closeCodes.add(((payload[0] & 0xff) << 8) | (payload[1] & 0xff));
    } else if (opcode == PING) {
      pings.incrementAndGet();
    }
    return new Frame(opcode, payload);
  }

  /** One unmasked, unfragmented server frame. */
  private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
    if (payload.length > 0xffff) {
      throw new IOException("test frames are shorter than 64 KiB");
    }
    out.write(0x80 | opcode);
    if (payload.length < 126) {
      out.write(payload.length);
    } else {
      out.write(126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xff);
    }
    out.write(payload);
    out.flush();
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
