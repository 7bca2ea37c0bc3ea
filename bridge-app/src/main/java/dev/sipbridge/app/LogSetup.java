package dev.sipbridge.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * Configures Logback in code, found through {@code META-INF/services}: text lines, or one JSON
 * object per line with {@code LOG_FORMAT=json}; the root level from {@code LOG_LEVEL} (default
 * INFO); the chatty libraries at WARN. Code instead of a {@code logback.xml} because reading XML
 * loaded the JDK's XML parser and Logback's Joran at every start (docs/performance.md). An
 * operator's own file, given with {@code -Dlogback.configurationFile=...} or put on the class path
 * as {@code logback.xml}, still wins, and so do the tests' {@code logback-test.xml}.
 *
 * <p>Both settings are read from system properties first ({@link Main} copies them there from
 * {@code .env}), then from the environment.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{20} - %msg%n";
  private static final String[] QUIET_LIBRARIES = {
    "org.eclipse.jetty", "io.javalin", "okhttp3", "com.twilio", "org.apache.hc"
  };

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    return configure(context, LogSetup::setting, LogSetup::onClassPath);
  }

  /** {@code settings} reads a setting by name; null when it is not set. */
  static ExecutionStatus configure(LoggerContext context, UnaryOperator<String> settings) {
    return configure(context, settings, resource -> false);
  }

  /**
   * @param onClassPath whether a resource of that name is on the class path: a {@code
   *     logback-test.xml} (the tests') or a {@code logback.xml} someone added wins, as in Logback
   */
  static ExecutionStatus configure(
      LoggerContext context, UnaryOperator<String> settings, Predicate<String> onClassPath) {
    if (settings.apply("logback.configurationFile") != null
        || onClassPath.test("logback-test.xml")
        || onClassPath.test("logback.xml")) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY; // someone's own XML
    }
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder(context, "json".equals(settings.apply("LOG_FORMAT"))));
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(upper(settings.apply("LOG_LEVEL")), Level.INFO));
    root.addAppender(console);
    for (String name : QUIET_LIBRARIES) {
      context.getLogger(name).setLevel(Level.WARN);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
    if (json) {
      JsonLineEncoder encoder = new JsonLineEncoder();
      encoder.setContext(context);
      encoder.start();
      return encoder;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    return encoder;
  }

  private static boolean onClassPath(String resource) {
    return LogSetup.class.getClassLoader().getResource(resource) != null;
  }

  private static String setting(String name) {
    String value = System.getProperty(name);
    return value != null ? value : System.getenv(name);
  }

  private static String upper(String value) {
    return value == null ? null : value.trim().toUpperCase(Locale.ROOT);
  }
}
