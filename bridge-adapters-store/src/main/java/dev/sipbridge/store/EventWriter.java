package dev.sipbridge.store;

import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one batch of call events on one connection, inside the caller's transaction. Each
 * statement is prepared once per batch. A write that is retried after an unclear commit keeps each
 * call and each line once (their keys); events of calls the store does not know are dropped.
 */
final class EventWriter implements AutoCloseable {
  private static final String INSERT_CALL =
      "INSERT INTO calls (id, route, caller, called,"
          + " forwarded_from, forwarding_reason, incoming_at, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING";
  private static final String KNOWN = "SELECT 1 FROM calls WHERE id = ?";
  private static final String ACCEPTED = "UPDATE calls SET accepted_at = ? WHERE id = ?";
  private static final String SOCKET_OPEN =
      "UPDATE calls SET socket_open_at = COALESCE(socket_open_at, ?) WHERE id = ?";
  private static final String USAGE =
      "UPDATE calls SET"
          + " input_text_tokens = input_text_tokens + ?, input_audio_tokens = input_audio_tokens + ?,"
          + " output_text_tokens = output_text_tokens + ?,"
          + " output_audio_tokens = output_audio_tokens + ? WHERE id = ?";
  private static final String ENDED =
      "UPDATE calls SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL";
  private static final String POSITION =
      "UPDATE call_lines SET position = ? WHERE call_id = ? AND sequence = ?";
  private static final String INSERT_LINE =
      "INSERT INTO call_lines (call_id, sequence, position,"
          + " speaker, kind, text, text_folded, item_id, emitted_at, interrupted)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id, sequence) DO NOTHING";
  private static final String INSERT_TOOL =
      "INSERT INTO call_tools (call_id, ordinal, name,"
          + " arguments, result, outcome, at, took_ms) VALUES (?, "
          + next("call_tools")
          + ", ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_TRANSFER =
      "INSERT INTO call_transfers (call_id, ordinal,"
          + " kind, target, outcome, at) VALUES (?, "
          + next("call_transfers")
          + ", ?, ?, ?, ?)";
  private static final String INSERT_ACTION =
      "INSERT INTO call_actions (call_id, ordinal,"
          + " action, detail, at) VALUES (?, "
          + next("call_actions")
          + ", ?, ?, ?)";

  private final Connection connection;
  private final String owner;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Map<String, Boolean> known = new HashMap<>();

  EventWriter(Connection connection, String owner) {
    this.connection = connection;
    this.owner = owner;
  }

  void write(List<CallEvent> events) throws SQLException {
    for (CallEvent event : events) {
      if (event instanceof CallEvent.Started s) {
        started(s);
      } else if (known(event.callId().value())) {
        apply(event);
      }
    }
  }

  private void started(CallEvent.Started s) throws SQLException {
    var parties = s.call().parties();
    PreparedStatement st = statement(INSERT_CALL);
    st.setString(1, s.callId().value());
    st.setString(2, s.route());
    st.setString(3, parties.caller().value());
    st.setString(4, parties.called().value());
    setOptional(st, 5, parties.forwardedFrom().map(n -> n.value()));
    setOptional(st, 6, parties.forwardingReason());
    st.setLong(7, s.at().toEpochMilli());
    st.setString(8, owner);
    st.executeUpdate();
    known.put(s.callId().value(), true);
  }

  private void apply(CallEvent event) throws SQLException {
    String id = event.callId().value();
    long at = event.at().toEpochMilli();
    if (event instanceof CallEvent.Accepted) {
      update(ACCEPTED, at, id);
    } else if (event instanceof CallEvent.SocketOpened) {
      update(SOCKET_OPEN, at, id);
    } else if (event instanceof CallEvent.Line l) {
      line(l.line());
    } else if (event instanceof CallEvent.Usage u) {
      PreparedStatement st = statement(USAGE);
      st.setLong(1, u.inputText());
      st.setLong(2, u.inputAudio());
      st.setLong(3, u.outputText());
      st.setLong(4, u.outputAudio());
      st.setString(5, id);
      st.executeUpdate();
    } else if (event instanceof CallEvent.Ended e) {
      ended(e);
    } else if (event instanceof CallEvent.ToolRun t) {
      insert(
          INSERT_TOOL,
          id,
          t.name(),
          t.arguments(),
          t.result(),
          t.outcome(),
          at,
          t.took().toMillis());
    } else if (event instanceof CallEvent.Transfer t) {
      insert(INSERT_TRANSFER, id, t.kind(), t.target(), t.outcome(), at);
    } else if (event instanceof CallEvent.OperatorAction a) {
      insert(INSERT_ACTION, id, a.action(), a.detail(), at);
    }
  }

  private void line(TranscriptLine t) throws SQLException {
    PreparedStatement st = statement(INSERT_LINE);
    st.setString(1, t.callId().value());
    st.setLong(2, t.sequence());
    st.setLong(3, t.sequence()); // the conversation position until the call's end says otherwise
    st.setString(4, lower(t.speaker().name()));
    st.setString(5, lower(t.kind().name()));
    st.setString(6, t.text());
    st.setString(7, lower(t.text()));
    st.setString(8, t.itemId());
    st.setLong(9, t.emittedAt().toEpochMilli());
    st.setBoolean(10, t.interrupted());
    st.executeUpdate();
  }

  private void ended(CallEvent.Ended e) throws SQLException {
    PreparedStatement st = statement(ENDED);
    st.setLong(1, e.at().toEpochMilli());
    st.setString(2, e.reason().name());
    st.setString(3, e.callId().value());
    st.executeUpdate();
    List<Long> order = e.conversationOrder();
    if (order.isEmpty()) {
      return;
    }
    PreparedStatement position = statement(POSITION);
    for (int i = 0; i < order.size(); i++) {
      position.setLong(1, i + 1L);
      position.setString(2, e.callId().value());
      position.setLong(3, order.get(i));
      position.addBatch();
    }
    position.executeBatch();
  }

  private boolean known(String id) throws SQLException {
    Boolean answer = known.get(id);
    if (answer == null) {
      PreparedStatement st = statement(KNOWN);
      st.setString(1, id);
      try (ResultSet rs = st.executeQuery()) {
        answer = rs.next();
      }
      known.put(id, answer);
    }
    return answer;
  }

  private void update(String sql, long at, String id) throws SQLException {
    PreparedStatement st = statement(sql);
    st.setLong(1, at);
    st.setString(2, id);
    st.executeUpdate();
  }

  /** Inserts a row numbered after the call's last one: the call id goes in twice. */
  private void insert(String sql, String id, Object... values) throws SQLException {
    PreparedStatement st = statement(sql);
    st.setString(1, id);
    st.setString(2, id);
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof Long n) {
        st.setLong(i + 3, n);
      } else {
        st.setString(i + 3, (String) values[i]);
      }
    }
    st.executeUpdate();
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement st = statements.get(sql);
    if (st == null) {
      st = connection.prepareStatement(sql);
      statements.put(sql, st);
    }
    return st;
  }

  private static String next(String table) {
    return "(SELECT COALESCE(MAX(ordinal), 0) + 1 FROM " + table + " WHERE call_id = ?)";
  }

  private static void setOptional(PreparedStatement st, int i, Optional<String> v)
      throws SQLException {
    if (v.isPresent()) {
      st.setString(i, v.get());
    } else {
      st.setNull(i, Types.VARCHAR);
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement st : statements.values()) {
      st.close();
    }
  }
}
