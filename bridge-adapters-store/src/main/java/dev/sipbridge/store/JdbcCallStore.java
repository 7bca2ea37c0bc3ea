package dev.sipbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.store.CallEvent;
import dev.sipbridge.core.store.CallPage;
import dev.sipbridge.core.store.CallQuery;
import dev.sipbridge.core.store.CallRecord;
import dev.sipbridge.core.store.TokenPrices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The call store over JDBC, on SQLite or PostgreSQL (one schema, Flyway migrations under {@code
 * db/migration}), through a HikariCP pool. Opening never touches the database: the schema is
 * brought up to date by the first call that needs it, so a database that is down at start delays
 * nothing (that call fails retryably, and the bridge's writer tries again). Thread-safe.
 */
public final class JdbcCallStore implements CallStore, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JdbcCallStore.class.getName());
  private static final String[] CHILD_TABLES = {
    "call_lines", "call_tools", "call_transfers", "call_actions"
  };

  private final Database database;
  private final HikariDataSource pool;
  private final String owner;
  private final CallReader reader;
  private volatile boolean migrated;

  private JdbcCallStore(
      Database database, HikariDataSource pool, String owner, TokenPrices prices) {
    this.database = database;
    this.pool = pool;
    this.owner = owner;
    this.reader = new CallReader(prices);
  }

  /**
   * Opens the pool (no connection yet); makes the SQLite file's directory if it is missing.
   *
   * @param owner this bridge instance's name, recorded with each call it handles
   * @throws UncheckedIOException when that directory cannot be made
   */
  public static JdbcCallStore open(Database database, String owner, TokenPrices prices) {
    database
        .file()
        .map(f -> f.toAbsolutePath().getParent())
        .ifPresent(
            dir -> {
              try {
                Files.createDirectories(dir);
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "cannot create the directory of the call store " + dir, e);
              }
            });
    HikariConfig config = new HikariConfig();
    config.setPoolName("call-store");
    config.setJdbcUrl(database.jdbcUrl());
    database.user().ifPresent(config::setUsername);
    database.password().ifPresent(config::setPassword);
    database.dialect().configure(config);
    config.setMinimumIdle(1);
    // Never fail at start for a database that is not there yet; wait at most 5 s for a connection.
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    LOG.log(Level.INFO, "call store: {0}", database.describe());
    return new JdbcCallStore(database, new HikariDataSource(config), owner, prices);
  }

  public Database database() {
    return database;
  }

  @Override
  public void write(List<CallEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    inTransaction(
        "write",
        c -> {
          try (EventWriter writer = new EventWriter(c, owner)) {
            writer.write(events);
          }
          return null;
        });
  }

  @Override
  public Optional<CallRecord> find(CallId id) {
    return inTransaction("find", c -> reader.find(c, id));
  }

  @Override
  public CallPage search(CallQuery query) {
    return inTransaction("search", c -> reader.search(c, query));
  }

  @Override
  public int closeOutUnfinished(Instant at, String endReason) {
    return inTransaction(
        "closeOutUnfinished",
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE calls SET ended_at = ?, end_reason = ? WHERE ended_at IS NULL")) {
            st.setLong(1, at.toEpochMilli());
            st.setString(2, endReason);
            return st.executeUpdate();
          }
        });
  }

  @Override
  public int purgeBefore(Instant cutoff) {
    return inTransaction(
        "purgeBefore",
        c -> {
          // Children first, by hand: SQLite enforces ON DELETE CASCADE only with its pragma on.
          for (String table : CHILD_TABLES) {
            try (PreparedStatement st =
                c.prepareStatement(
                    "DELETE FROM "
                        + table
                        + " WHERE call_id IN (SELECT id FROM calls WHERE incoming_at < ?)")) {
              st.setLong(1, cutoff.toEpochMilli());
              st.executeUpdate();
            }
          }
          try (PreparedStatement st =
              c.prepareStatement("DELETE FROM calls WHERE incoming_at < ?")) {
            st.setLong(1, cutoff.toEpochMilli());
            return st.executeUpdate();
          }
        });
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A pooled connection, for this package's tests to look at the database's settings. */
  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs the work in one transaction; a bad cursor or query is the caller's mistake. */
  private <T> T inTransaction(String operation, Work<T> work) {
    migrate();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw SqlFailures.of(operation, e);
    }
  }

  private void migrate() {
    if (migrated) {
      return;
    }
    synchronized (this) {
      if (migrated) {
        return;
      }
      try {
        var result =
            Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.log(
            Level.INFO,
            "call store schema at version {0} ({1} migration(s) applied)",
            result.targetSchemaVersion != null
                ? result.targetSchemaVersion
                : result.initialSchemaVersion,
            result.migrationsExecuted);
        migrated = true;
      } catch (RuntimeException e) {
        throw SqlFailures.of("migrate", e);
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool drops it
    }
  }
}
