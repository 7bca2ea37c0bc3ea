package dev.sipbridge.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes each log event as one JSON object per line: {@code ts}, {@code level}, {@code logger},
 * {@code thread}, {@code call_id} (when the line belongs to a call), {@code message} and {@code
 * error}. Core logs through {@code System.Logger}, which has no MDC, and starts every line of a
 * call with {@code call_id=<id>}; that id is lifted into its own field here.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CALL_ID = Pattern.compile("^call_id=(\\S+)\\s?");
  private static final byte[] NOTHING = new byte[0];

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    line.put("level", event.getLevel().toString());
    line.put("logger", event.getLoggerName());
    line.put("thread", event.getThreadName());
    String message = event.getFormattedMessage();
    String callId = event.getMDCPropertyMap().get("call_id");
    Matcher m = CALL_ID.matcher(message == null ? "" : message);
    if (m.find()) {
      callId = callId == null ? m.group(1) : callId;
      message = message.substring(m.end());
    }
    if (callId != null) {
      line.put("call_id", callId);
    }
    line.put("message", message);
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.put("error", ThrowableProxyUtil.asString(error));
    }
    return (line.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }
}
