package dev.sipbridge.discord;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Plain sockets whose "no read timeout" means {@code readTimeout}. The webhook's OkHttp client runs
 * without OkHttp's own timeouts and so sets a socket timeout of 0; these sockets turn that into the
 * configured one. The kernel then bounds every read on the sending thread itself, where OkHttp's
 * read and write timeouts wake its watchdog thread on nearly every read and write (~3 % of the
 * bridge's CPU under load, docs/performance.md). TLS sockets are layered on top and pass their
 * timeout down to these.
 */
final class ReadTimeoutSockets extends SocketFactory {
  private final int millis;

  ReadTimeoutSockets(Duration readTimeout) {
    this.millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, readTimeout.toMillis()));
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public synchronized void setSoTimeout(int timeout) throws SocketException {
        super.setSoTimeout(timeout == 0 ? millis : timeout);
      }
    };
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
    Socket socket = createSocket();
    try {
      if (local != null) {
        socket.bind(local);
      }
      socket.connect(remote);
      socket.setSoTimeout(0);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }
}
