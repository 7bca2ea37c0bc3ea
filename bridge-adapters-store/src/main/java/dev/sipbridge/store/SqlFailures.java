package dev.sipbridge.store;

import dev.sipbridge.core.port.AdapterException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns database failures into {@link AdapterException}s. Retryable unless the database said the
 * statement or its data is wrong: an outage, a lock, a full disk or a restart pass; a constraint or
 * a syntax error never does.
 */
final class SqlFailures {
  static final String VENDOR = "call-store";

  /** SQLSTATE classes of a bad statement or bad data: 22 data, 23 integrity, 42 syntax/access. */
  private static final Set<String> REFUSED_CLASSES = Set.of("22", "23", "42", "0A");

  private static final Set<SQLiteErrorCode> REFUSED_SQLITE =
      Set.of(
          SQLiteErrorCode.SQLITE_CONSTRAINT,
          SQLiteErrorCode.SQLITE_MISMATCH,
          SQLiteErrorCode.SQLITE_TOOBIG,
          SQLiteErrorCode.SQLITE_RANGE,
          SQLiteErrorCode.SQLITE_ERROR);

  private SqlFailures() {}

  static AdapterException of(String operation, SQLException e) {
    return new AdapterException(VENDOR, operation, 0, retryable(e), describe(e), e);
  }

  /** A failure that is not an SQLException (the pool, a migration): always worth another try. */
  static AdapterException of(String operation, RuntimeException e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof SQLException)) {
      cause = cause.getCause();
    }
    if (cause instanceof SQLException sql) {
      return new AdapterException(VENDOR, operation, 0, true, describe(sql), e);
    }
    return new AdapterException(
        VENDOR, operation, 0, true, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
  }

  static boolean retryable(SQLException e) {
    if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
      return true;
    }
    if (e instanceof SQLiteException sqlite) {
      return !REFUSED_SQLITE.contains(sqlite.getResultCode());
    }
    String state = e.getSQLState();
    return state == null || state.length() < 2 || !REFUSED_CLASSES.contains(state.substring(0, 2));
  }

  /** The database's own words; they never hold the password (drivers leave it out). */
  private static String describe(SQLException e) {
    return e.getClass().getSimpleName()
        + (e.getSQLState() != null ? " [" + e.getSQLState() + "]" : "")
        + ": "
        + e.getMessage();
  }
}
