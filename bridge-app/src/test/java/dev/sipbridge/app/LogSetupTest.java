package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LogSetupTest {
  @Test
  void textLinesAtInfoByDefault_librariesAtWarn() {
    LoggerContext context = new LoggerContext();

    ExecutionStatus status = LogSetup.configure(context, Map.<String, String>of()::get);

    assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    assertThat(root(context).getLevel()).isEqualTo(Level.INFO);
    assertThat(console(context).getEncoder())
        .isInstanceOfSatisfying(
            PatternLayoutEncoder.class,
            e -> assertThat(e.getPattern()).isEqualTo(LogSetup.TEXT_PATTERN));
    assertThat(context.getLogger("org.eclipse.jetty").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("okhttp3").getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void jsonLinesAndTheLevelFromTheSettings() {
    LoggerContext context = new LoggerContext();

    LogSetup.configure(context, Map.of("LOG_FORMAT", "json", "LOG_LEVEL", " debug ")::get);

    assertThat(root(context).getLevel()).isEqualTo(Level.DEBUG);
    assertThat(console(context).getEncoder()).isInstanceOf(JsonLineEncoder.class);
  }

  @Test
  void anUnknownLevelFallsBackToInfo() {
    LoggerContext context = new LoggerContext();

    LogSetup.configure(context, Map.of("LOG_LEVEL", "loud")::get);

    assertThat(root(context).getLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void anOperatorsOwnLogbackFileWins() {
    LoggerContext context = new LoggerContext();

    ExecutionStatus status =
        LogSetup.configure(context, Map.of("logback.configurationFile", "mine.xml")::get);

    assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(root(context).iteratorForAppenders().hasNext()).isFalse();
  }

  @Test
  void aLogbackFileOnTheClassPathWins() {
    for (String file : new String[] {"logback-test.xml", "logback.xml"}) {
      LoggerContext context = new LoggerContext();

      ExecutionStatus status =
          LogSetup.configure(context, Map.<String, String>of()::get, file::equals);

      assertThat(status).as(file).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(root(context).iteratorForAppenders().hasNext()).as(file).isFalse();
    }
  }

  private static ch.qos.logback.classic.Logger root(LoggerContext context) {
    return context.getLogger(Logger.ROOT_LOGGER_NAME);
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
    return (ConsoleAppender<ILoggingEvent>) root(context).getAppender("STDOUT");
  }
}
