package dev.sipbridge.discord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Receives every {@link System.Logger} record of the test JVM (registered as a service), so tests
 * can read exactly what the sink logged, stack traces included.
 */
public final class CapturingLoggerFinder extends System.LoggerFinder {
  private static final List<String> LINES = new CopyOnWriteArrayList<>();

  /** Every formatted record so far: {@code LEVEL logger message [stack trace]}. */
  static List<String> lines() {
    return new ArrayList<>(LINES);
  }

  static void clear() {
    LINES.clear();
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Captured(name);
  }

  private static final class Captured implements System.Logger {
    private final String name;

    Captured(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return level != Level.OFF;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      String trace = "";
      if (thrown != null) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        trace = " " + out;
      }
      LINES.add(level + " " + name + " " + msg + trace);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      String msg =
          params == null || params.length == 0 ? format : MessageFormat.format(format, params);
      LINES.add(level + " " + name + " " + msg);
    }
  }
}
