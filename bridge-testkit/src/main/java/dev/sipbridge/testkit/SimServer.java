package dev.sipbridge.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/** Starts the simulators' Javalin servers: loopback only, ephemeral port, no chatter. */
final class SimServer {
  /** Sockets of long scripted calls may be silent for a while; the platform keeps them open. */
  private static final Duration WS_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** The kit needs no logback: users' tests may log through anything SLF4J drives. */
  private static final boolean LOGBACK = isPresent("ch.qos.logback.classic.LoggerContext");

  private SimServer() {}

  /** Creates the server with {@code routes} and starts it on 127.0.0.1 with an ephemeral port. */
  static Javalin start(Consumer<JavalinConfig> routes) {
    quietServerLogs();
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.modifyWebSocketServletFactory(f -> f.setIdleTimeout(WS_IDLE_TIMEOUT));
              routes.accept(config);
            });
    return app.start("127.0.0.1", 0);
  }

  /**
   * Jetty and Javalin log every start, stop and connection at INFO/DEBUG, which drowns the demo's
   * output and the benchmark's logs. Only loggers nobody configured are turned down, so a
   * logback.xml that asks for them still wins.
   */
  private static void quietServerLogs() {
    if (!LOGBACK || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (String name : new String[] {"org.eclipse.jetty", "io.javalin"}) {
      Logger logger = context.getLogger(name);
      if (logger.getLevel() == null) {
        logger.setLevel(Level.WARN);
      }
    }
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, SimServer.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
