package dev.sipbridge.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event (at the levels the tests' logback lets through) until closed. */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  List<ILoggingEvent> events() {
    synchronized (appender.list) {
      return List.copyOf(appender.list);
    }
  }

  /** The formatted messages containing {@code text}. */
  List<String> lines(String text) {
    return events().stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains(text))
        .toList();
  }

  /** Events that carry a stack trace. */
  List<ILoggingEvent> withStackTraces() {
    return events().stream().filter(e -> e.getThrowableProxy() != null).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
