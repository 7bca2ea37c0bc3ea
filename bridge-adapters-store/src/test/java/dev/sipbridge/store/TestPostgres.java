package dev.sipbridge.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A real PostgreSQL server for tests, the one {@link TestPostgresServer} chose for this JVM ({@code
 * TEST_POSTGRES_URL}, else an embedded server, else the machine's). Each test gets a schema of its
 * own, dropped afterwards, so runs never see each other's calls.
 */
final class TestPostgres {
  private final TestPostgresServer chosen;
  private final Database server;
  private final String schema =
      "bridge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private TestPostgres(TestPostgresServer chosen) {
    this.chosen = chosen;
    this.server = chosen.database();
  }

  /** A fresh, empty schema on the server. */
  static TestPostgres schema() {
    TestPostgres pg = new TestPostgres(TestPostgresServer.get());
    pg.execute("CREATE SCHEMA " + pg.schema);
    return pg;
  }

  /** The database as the store sees it: the test's schema is the connection's current one. */
  Database database() {
    String url =
        server.jdbcUrl() + (server.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new Database(Dialect.POSTGRESQL, url, server.user(), server.password());
  }

  /** The same database reached through {@code 127.0.0.1:port} (a {@link TcpProxy}) instead. */
  Database through(int port) {
    String url = database().jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    return new Database(Dialect.POSTGRESQL, url, server.user(), server.password());
  }

  /** The server's host and port, for a {@link TcpProxy} in front of it. */
  java.net.URI address() {
    java.net.URI uri = java.net.URI.create(server.jdbcUrl().substring("jdbc:".length()));
    return java.net.URI.create(
        "tcp://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 5432));
  }

  String schemaName() {
    return schema.toLowerCase(Locale.ROOT);
  }

  void drop() {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  void execute(String sql) {
    Properties login = new Properties();
    server.user().ifPresent(u -> login.setProperty("user", u));
    server.password().ifPresent(p -> login.setProperty("password", p));
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), login);
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL for tests is not reachable at "
              + server.describe()
              + ", "
              + chosen.origin()
              + ": "
              + chosen.hint()
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
