package dev.sipbridge.store;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.store.CallCursor;
import dev.sipbridge.core.store.CallPage;
import dev.sipbridge.core.store.CallQuery;
import dev.sipbridge.core.store.CallRecord;
import dev.sipbridge.core.store.CallRecord.RecordedAction;
import dev.sipbridge.core.store.CallRecord.RecordedLine;
import dev.sipbridge.core.store.CallRecord.RecordedTool;
import dev.sipbridge.core.store.CallRecord.RecordedTransfer;
import dev.sipbridge.core.store.CallSummary;
import dev.sipbridge.core.store.TokenPrices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads calls back: one call whole, or a page of the call list. */
final class CallReader {
  private static final String CALL =
      "SELECT id, route, caller, called, forwarded_from,"
          + " forwarding_reason, incoming_at, accepted_at, socket_open_at, ended_at, end_reason,"
          + " input_text_tokens, input_audio_tokens, output_text_tokens, output_audio_tokens"
          + " FROM calls WHERE id = ?";
  private static final String LINES =
      "SELECT sequence, position, speaker, kind, text, item_id,"
          + " emitted_at, interrupted FROM call_lines WHERE call_id = ? ORDER BY position, sequence";
  private static final String TOOLS =
      "SELECT name, arguments, result, outcome, at, took_ms"
          + " FROM call_tools WHERE call_id = ? ORDER BY ordinal";
  private static final String TRANSFERS =
      "SELECT kind, target, outcome, at FROM call_transfers"
          + " WHERE call_id = ? ORDER BY ordinal";
  private static final String ACTIONS =
      "SELECT action, detail, at FROM call_actions" + " WHERE call_id = ? ORDER BY ordinal";
  private static final String LIKE = " LIKE ? ESCAPE '\\'";

  private final TokenPrices prices;

  CallReader(TokenPrices prices) {
    this.prices = prices;
  }

  Optional<CallRecord> find(Connection c, CallId id) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(CALL)) {
      st.setString(1, id.value());
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new CallRecord(
                id,
                rs.getString("route"),
                rs.getString("caller"),
                rs.getString("called"),
                Optional.ofNullable(rs.getString("forwarded_from")),
                Optional.ofNullable(rs.getString("forwarding_reason")),
                Instant.ofEpochMilli(rs.getLong("incoming_at")),
                instant(rs, "accepted_at"),
                instant(rs, "socket_open_at"),
                instant(rs, "ended_at"),
                Optional.ofNullable(rs.getString("end_reason")),
                rows(c, LINES, id, CallReader::line),
                rows(c, TOOLS, id, CallReader::tool),
                rows(c, TRANSFERS, id, CallReader::transfer),
                rows(c, ACTIONS, id, CallReader::action),
                prices.usage(
                    rs.getLong("input_text_tokens"),
                    rs.getLong("input_audio_tokens"),
                    rs.getLong("output_text_tokens"),
                    rs.getLong("output_audio_tokens"))));
      }
    }
  }

  CallPage search(Connection c, CallQuery q) throws SQLException {
    Optional<CallCursor> cursor = q.cursor().map(CallCursor::parse);
    StringBuilder sql =
        new StringBuilder(
            "SELECT c.id, c.route, c.caller, c.called,"
                + " c.incoming_at, c.ended_at, c.end_reason,"
                + " (SELECT COUNT(*) FROM call_lines l WHERE l.call_id = c.id) AS line_count"
                + " FROM calls c WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    q.from().ifPresent(f -> where(sql, args, " AND c.incoming_at >= ?", f.toEpochMilli()));
    q.to().ifPresent(t -> where(sql, args, " AND c.incoming_at < ?", t.toEpochMilli()));
    q.number()
        .map(CallReader::containing)
        .ifPresent(
            n ->
                where(
                    sql,
                    args,
                    " AND (c.caller"
                        + LIKE
                        + " OR c.called"
                        + LIKE
                        + " OR c.forwarded_from"
                        + LIKE
                        + ")",
                    n,
                    n,
                    n));
    q.endReason().ifPresent(e -> where(sql, args, " AND c.end_reason = ?", e));
    q.text()
        .map(t -> containing(t.toLowerCase(Locale.ROOT)))
        .ifPresent(
            t ->
                where(
                    sql,
                    args,
                    " AND EXISTS (SELECT 1 FROM call_lines l WHERE l.call_id = c.id AND l.text_folded"
                        + LIKE
                        + ")",
                    t));
    cursor.ifPresent(
        k ->
            where(
                sql,
                args,
                " AND (c.incoming_at < ? OR (c.incoming_at = ? AND c.id < ?))",
                k.incomingAtMillis(),
                k.incomingAtMillis(),
                k.callId()));
    // One more than asked: whether there is a next page.
    where(sql, args, " ORDER BY c.incoming_at DESC, c.id DESC LIMIT ?", (long) q.limit() + 1);
    List<CallSummary> calls = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i) instanceof Long n) {
          st.setLong(i + 1, n);
        } else {
          st.setString(i + 1, (String) args.get(i));
        }
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          calls.add(
              new CallSummary(
                  new CallId(rs.getString("id")),
                  rs.getString("route"),
                  rs.getString("caller"),
                  rs.getString("called"),
                  Instant.ofEpochMilli(rs.getLong("incoming_at")),
                  instant(rs, "ended_at"),
                  Optional.ofNullable(rs.getString("end_reason")),
                  rs.getInt("line_count")));
        }
      }
    }
    if (calls.size() <= q.limit()) {
      return new CallPage(calls, Optional.empty());
    }
    CallSummary last = calls.get(q.limit() - 1);
    return new CallPage(
        calls.subList(0, q.limit()),
        Optional.of(CallCursor.of(last.incomingAt(), last.id()).toString()));
  }

  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** The rows of one call in a child table, in the query's order. */
  private static <T> List<T> rows(Connection c, String sql, CallId id, Row<T> row)
      throws SQLException {
    List<T> rows = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, id.value());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(row.read(rs));
        }
      }
    }
    return rows;
  }

  private static RecordedLine line(ResultSet rs) throws SQLException {
    return new RecordedLine(
        rs.getLong("sequence"),
        rs.getLong("position"),
        rs.getString("speaker"),
        rs.getString("kind"),
        rs.getString("text"),
        rs.getString("item_id"),
        Instant.ofEpochMilli(rs.getLong("emitted_at")),
        rs.getBoolean("interrupted"));
  }

  private static RecordedTool tool(ResultSet rs) throws SQLException {
    return new RecordedTool(
        rs.getString("name"),
        rs.getString("arguments"),
        rs.getString("result"),
        rs.getString("outcome"),
        Instant.ofEpochMilli(rs.getLong("at")),
        Duration.ofMillis(rs.getLong("took_ms")));
  }

  private static RecordedTransfer transfer(ResultSet rs) throws SQLException {
    return new RecordedTransfer(
        rs.getString("kind"),
        rs.getString("target"),
        rs.getString("outcome"),
        Instant.ofEpochMilli(rs.getLong("at")));
  }

  private static RecordedAction action(ResultSet rs) throws SQLException {
    return new RecordedAction(
        rs.getString("action"), rs.getString("detail"), Instant.ofEpochMilli(rs.getLong("at")));
  }

  private static void where(StringBuilder sql, List<Object> args, String clause, Object... values) {
    sql.append(clause);
    args.addAll(List.of(values));
  }

  /** A LIKE pattern matching text that contains {@code s}, its wildcards taken literally. */
  private static String containing(String s) {
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }
}
