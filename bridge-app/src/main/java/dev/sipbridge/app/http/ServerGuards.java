package dev.sipbridge.app.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;

/**
 * Puts {@link HttpLimits} on Javalin's Jetty: bodies read ahead without a thread (Jetty's {@code
 * EagerContentHandler} with {@link BodyLoader}, which also checks their deadline and rate), the
 * connector's idle timeout, and {@link ConnectionsPerAddress}. It also binds the port itself,
 * before Jetty starts, so a port in use is one clear error instead of Jetty's and Javalin's logged
 * stack traces.
 */
final class ServerGuards {
  private ServerGuards() {}

  static void install(
      JavalinConfig cfg,
      HttpLimits limits,
      BridgeServer.DroppedClients dropped,
      Supplier<String> host,
      IntSupplier port) {
    cfg.jetty.modifyServer(
        server -> server.insertHandler(new EagerContentHandler(new BodyLoader(limits, dropped))));
    cfg.jetty.addConnector(
        (server, http) -> connector(server, http, limits, dropped, host.get(), port.getAsInt()));
  }

  private static ServerConnector connector(
      Server server,
      HttpConfiguration http,
      HttpLimits limits,
      BridgeServer.DroppedClients dropped,
      String host,
      int port) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    if (limits.maxConnectionsPerAddress() > 0) {
      connector.addBean(new ConnectionsPerAddress(limits.maxConnectionsPerAddress(), dropped));
    }
    try {
      connector.open();
    } catch (IOException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BridgeServer.PortUnavailable(port, cause.getMessage());
    }
    return connector;
  }
}
