package dev.sipbridge.app.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a new connection when its client address already has the most connections allowed: Jetty
 * limits connections in total ({@code NetworkConnectionLimit}) but not per address, and a total
 * limit would let one client lock every other one out, health checks included.
 */
final class ConnectionsPerAddress implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerAddress.class);

  private final int max;
  private final BridgeServer.DroppedClients dropped;
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

  /** Where each counted connection came from: a closed socket no longer knows. */
  private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();

  ConnectionsPerAddress(int max, BridgeServer.DroppedClients dropped) {
    this.max = max;
    this.dropped = dropped;
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress address = address(connection);
    if (address == null) {
      return;
    }
    counted.put(connection, address);
    int count = open.merge(address, 1, Integer::sum);
    if (count > max) {
      LOG.warn(
          "dropped client {}: over {} open connections from that address",
          address.getHostAddress(),
          max);
      dropped.dropped("too_many_connections");
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress address = counted.remove(connection);
    if (address != null) {
      open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }
  }

  private static InetAddress address(Connection connection) {
    SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getAddress() : null;
  }
}
